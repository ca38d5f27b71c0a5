/** Where the GitOps controllers find the bundle: repository, revision, path, and the names used. */

export type GitopsTool = 'argocd' | 'flux';
export type ArgoKind = 'applicationset' | 'application';

export interface GitopsOptions {
  tool: GitopsTool;
  /** The Git repository the output is committed to (`--repo-url`). Required. */
  repoURL: string;
  /** Branch, tag (`refs/tags/X`) or commit (`--revision`). Default `main`. */
  revision: string;
  /** The output folder's path inside the repository (`--path`), POSIX, no leading `/`; '' for the root. */
  path: string;
  /** Name of the objects (`<name>` or `<name>-<env>`). Default: the repository's name (sanitised), else `ecs2k8s`. */
  name: string;
  /** Argo CD with environments: one ApplicationSet over them (default) or one Application each. */
  argocdKind: ArgoKind;
  /** Namespace the controller watches. Default `argocd` for Argo CD, `flux-system` for Flux. */
  namespace: string;
}

/** The label every GitOps object carries. */
export const LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/managed-by': 'ecs2k8s' };

/** The folder, inside the output, that holds the GitOps objects (and a kustomization listing them). */
export const GITOPS_DIR = 'gitops';

export const DEFAULT_REVISION = 'main';

export function defaultNamespace(tool: GitopsTool): string {
  return tool === 'argocd' ? 'argocd' : 'flux-system';
}

/** The repository's name from its URL (`https://host/org/shop.git`, `git@host:org/shop.git` → `shop`). */
export function repositoryName(url: string): string {
  const bare = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return (bare.split(/[/:]/).pop() ?? '').replace(/\.git$/, '');
}

/** A path inside the repository: a POSIX path relative to its root, '' for the root itself. */
export function repoPath(...parts: string[]): string {
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

/** Flux's GitRepository `ref` for a revision: a 40-hex commit, `refs/tags/X` → tag, `refs/heads/X` → branch, `refs/…` → name, else a branch. */
export function fluxRef(revision: string): Record<string, string> {
  if (/^[0-9a-f]{40}$/.test(revision)) return { commit: revision };
  if (revision.startsWith('refs/tags/')) return { tag: revision.slice('refs/tags/'.length) };
  if (revision.startsWith('refs/heads/')) return { branch: revision.slice('refs/heads/'.length) };
  if (revision.startsWith('refs/')) return { name: revision };
  return { branch: revision };
}

/** The GitOps settings as the command line and the project file give them (each optional). */
export interface GitopsSettings {
  tool?: GitopsTool;
  repoURL?: string;
  revision?: string;
  path?: string;
  name?: string;
  namespace?: string;
  argocdKind?: ArgoKind;
}

/** The flags over the project file's `gitops:` (a flag left out keeps the project file's value). */
export function gitopsSettings(flags: GitopsSettings, project: GitopsSettings | undefined): GitopsSettings {
  return { ...project, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) } as GitopsSettings;
}

/**
 * Complete GitOps options from the flags over the project file's `gitops:`; undefined when no
 * tool is asked for. `outPath` is the output folder relative to its repository's root (the
 * nearest folder holding .git), else to the working directory: the default path in the repository. Problems are returned as messages (usage errors).
 */
export function resolveGitops(flags: GitopsSettings, project: GitopsSettings | undefined, outPath: string, dnsLabel: (s: string) => string): { options?: GitopsOptions; problems: string[] } {
  const s = gitopsSettings(flags, project);
  const problems: string[] = [];
  if (s.tool === undefined) {
    if (flags.repoURL !== undefined || flags.revision !== undefined || flags.path !== undefined || flags.name !== undefined || flags.argocdKind !== undefined) {
      problems.push('--repo-url, --revision, --path, --gitops-name and --argocd-kind belong to --gitops argocd|flux: add --gitops');
    }
    return { problems };
  }
  if (s.repoURL === undefined || s.repoURL.trim() === '')
    problems.push(`--gitops ${s.tool} needs the repository the output is committed to: add --repo-url URL (or gitops.repoURL in the project file)`);
  else if (s.tool === 'flux' && !/^(https?|ssh):\/\/\S+$/.test(s.repoURL)) {
    problems.push(`--repo-url ${JSON.stringify(s.repoURL)}: Flux's GitRepository takes http://, https:// or ssh:// URLs (write git@host:org/repo.git as ssh://git@host/org/repo.git)`);
  }
  const rawPath = s.path ?? outPath;
  const path = rawPath
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  if (path.startsWith('/') || path.split('/').some((seg) => seg === '..') || /[\s{}]/.test(path)) {
    problems.push(
      `${s.path === undefined ? `the output folder ${JSON.stringify(outPath)} is not inside the repository (nor the working directory), so its path in the repository is unknown: give --path PREFIX` : `--path ${JSON.stringify(rawPath)} must be a path relative to the repository's root, without "..", spaces or braces`}`,
    );
  }
  if (problems.length > 0) return { problems };
  const segments = path.split('/').filter((x) => x !== '' && x !== '.');
  const name = s.name ?? dnsLabel(repositoryName(s.repoURL!) || 'ecs2k8s');
  return {
    problems,
    options: {
      tool: s.tool,
      repoURL: s.repoURL!,
      revision: s.revision ?? DEFAULT_REVISION,
      path: segments.join('/'),
      name,
      argocdKind: s.argocdKind ?? 'applicationset',
      namespace: s.namespace ?? defaultNamespace(s.tool),
    },
  };
}

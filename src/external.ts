/**
 * Loads one of the heavy optional packages (the cluster client, the AWS SDK) when a command
 * needs it. The CLI runs from a code-cached script (scripts/bin.cjs), where Node 20 cannot
 * `import()` without --experimental-vm-modules; its loader supplies an importer instead.
 */
type Importer = (specifier: string) => Promise<unknown>;

export function importExternal<T>(specifier: '@kubernetes/client-node' | '@aws-sdk/client-ecs' | '@aws-sdk/client-application-auto-scaling'): Promise<T> {
  const importer = (globalThis as { __ecs2k8sImport?: Importer }).__ecs2k8sImport;
  return (importer ? importer(specifier) : import(specifier)) as Promise<T>;
}

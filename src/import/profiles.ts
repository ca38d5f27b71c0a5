/**
 * Whether a named AWS profile exists, read where the AWS CLI and SDK read it: the shared config
 * file (AWS_CONFIG_FILE, default ~/.aws/config: `[profile NAME]`, `[default]`) and the shared
 * credentials file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials: `[NAME]`). Without
 * this, a misspelt --profile surfaces as whatever the SDK misses first (often the region).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** The profile names of both files, and the files read (as the messages name them). */
export async function profileNames(env: Env): Promise<{ names: string[]; files: string[] }> {
  const home = env['HOME'] || env['USERPROFILE'] || homedir();
  const config = env['AWS_CONFIG_FILE'] || join(home, '.aws', 'config');
  const credentials = env['AWS_SHARED_CREDENTIALS_FILE'] || join(home, '.aws', 'credentials');
  const names = new Set<string>();
  for (const [file, inConfig] of [
    [config, true],
    [credentials, false],
  ] as const) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)) {
      const section = m[1]!;
      if (!inConfig) names.add(section);
      else if (section === 'default') names.add('default');
      else if (/^profile\s+/.test(section)) names.add(section.replace(/^profile\s+/, ''));
    }
  }
  return { names: [...names].sort(), files: [config, credentials] };
}

/**
 * Which files the Copilot reader takes, without its code (./index.ts): the registry
 * (../index.ts) asks every reader about every input, and loads a reader only for the files it
 * claims.
 */
import type { InputText } from '../../text.js';
import type { Reader } from '../types.js';

const MANIFEST = /(^|[\\/])manifest\.ya?ml$/i;
const TYPE_LINE = /^type:\s*['"]?(Load Balanced Web Service|Backend Service|Worker Service|Scheduled Job|Request-Driven Web Service|Environment|Static Site)['"]?\s*(#.*)?$/m;

export const norm = (p: string) => p.replace(/\\/g, '/');

/** The `copilot/` folder a path lies in (up to and including the segment), or undefined. */
export function copilotRoot(path: string): string | undefined {
  const p = norm(path);
  const i = p.lastIndexOf('copilot/');
  if (i < 0 || (i > 0 && p[i - 1] !== '/')) return undefined;
  return p.slice(0, i + 'copilot'.length);
}

const collects = (path: string) => MANIFEST.test(path) && copilotRoot(path) !== undefined && !norm(path).includes('/pipelines/');

export const copilotClaims: Omit<Reader, 'read'> = {
  name: 'copilot',
  collects,
  // Every manifest.yml of a copilot/ folder (but its pipelines'); elsewhere, YAML whose type is a Copilot one.
  claims: (input: InputText, json: unknown) => json === undefined && (collects(input.file) || (/\.ya?ml$/i.test(input.file) && TYPE_LINE.test(input.text))),
  group: (input: InputText) => copilotRoot(input.file) ?? input.file,
};

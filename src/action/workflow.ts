/**
 * The few parts of the GitHub Actions runner contract the action needs, written out rather than
 * taken from @actions/core: reading `INPUT_*` variables, workflow commands on stdout, the
 * `GITHUB_OUTPUT` file (heredoc form) and the `GITHUB_STEP_SUMMARY` file.
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

export type Env = Record<string, string | undefined>;

/** Thrown for an input the action cannot use; the message names the input. */
export class InputError extends Error {}

/** The variable the runner sets for an input: `INPUT_` + the id upper-cased with spaces as `_` (dashes stay). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** An input's value, trimmed; '' when unset (as @actions/core's getInput). */
export function getInput(env: Env, name: string): string {
  return (env[inputVariable(name)] ?? '').trim();
}

/**
 * A boolean input, read as the YAML 1.2 core schema writes booleans (what @actions/core's
 * getBooleanInput accepts); an empty or unset input is `fallback`.
 */
export function getBooleanInput(env: Env, name: string, fallback = false): boolean {
  const v = getInput(env, name);
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`the input "${name}" is ${JSON.stringify(v)}: write true or false`);
}

/** A list input: items separated by newlines or commas, trimmed, empty items dropped. */
export function getListInput(env: Env, name: string): string[] {
  return getInput(env, name)
    .split(/[\r\n,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Escapes the message of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=…`, `title=…`) of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, such as `::error file=a.json,line=3::message`. */
export function workflowCommand(command: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}\n`;
}

/**
 * One output in the `GITHUB_OUTPUT` file's multi-line form, `name<<DELIMITER\nvalue\nDELIMITER\n`,
 * with a random delimiter that neither the name nor the value contains.
 */
export function formatOutput(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`the output ${name} contains its own delimiter`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Appends outputs to the `GITHUB_OUTPUT` file; false when the variable is not set (not in a runner). */
export function writeOutputs(env: Env, outputs: Record<string, string>): boolean {
  const file = env['GITHUB_OUTPUT'];
  if (!file) return false;
  appendFileSync(
    file,
    Object.entries(outputs)
      .map(([k, v]) => formatOutput(k, v))
      .join(''),
    'utf8',
  );
  return true;
}

/** Appends markdown to the `GITHUB_STEP_SUMMARY` file; false when the variable is not set. */
export function appendSummary(env: Env, markdown: string): boolean {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) return false;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  return true;
}

/**
 * Wraps text that must not be read as workflow commands (a diff of user content) in
 * `::stop-commands::TOKEN` … `::TOKEN::`.
 */
export function verbatim(text: string): string {
  if (text === '') return '';
  const token = `ecs2k8s-${randomUUID()}`;
  return `::stop-commands::${token}\n${text.endsWith('\n') ? text : `${text}\n`}::${token}::\n`;
}

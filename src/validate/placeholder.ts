/** Image strings that a pipeline substitutes later: validation warns about them, --image replaces them. */
const PLACEHOLDER = /<[^<>]+>|\$\{[^}]*\}|\{\{[^}]*\}\}|\$\$\$[A-Za-z0-9_]+\$\$\$|%\{[^}]*\}/;

/** True for image strings that a pipeline substitutes later: `<IMAGE1_NAME>`, `${IMAGE}`, `{{image}}`, `$$$IMAGE$$$`. */
export function isPlaceholder(s: string): boolean {
  // Every form has a "<", "{" or "$": most strings have none, and no expression runs for them.
  if (!s.includes('<') && !s.includes('{') && !s.includes('$')) return false;
  return PLACEHOLDER.test(s) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

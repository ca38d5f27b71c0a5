/**
 * Where the first JSON syntax error of a text lies, found without src/: from V8's own JSON.parse,
 * so that the corpus test checks our parser against an independent one.
 */

/**
 * The offset V8 names for the first syntax error: "… at position N", or, for "Unexpected token 'x',
 * …context…" messages, the offset found by locating that context (10 characters either side) in the
 * text. Undefined when the text parses, or when V8 names no place ("Unexpected end of JSON input",
 * a short text whose token occurs more than once).
 */
export function v8ErrorOffset(text: string): number | undefined {
  let message: string;
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    message = (e as Error).message;
  }
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const m = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!m) return undefined;
  const [, token, lead, context, trail] = m as unknown as [string, string, string | undefined, string, string | undefined];
  let offset: number;
  if (lead || trail) {
    // V8 quotes source[pos-10, pos+10), clipped at either end and marked with "..." where clipped.
    // Where the quote recurs, the first place is the one: V8 reports the first error.
    const start = text.indexOf(context);
    if (start < 0) return undefined;
    offset = lead ? start + 10 : start + context.length - 10;
  } else {
    // A short text quoted whole: only a token that occurs once is unambiguous.
    offset = text.indexOf(token);
    if (offset < 0 || text.indexOf(token, offset + 1) >= 0) return undefined;
  }
  if (text[offset] !== token) {
    throw new Error(`cannot read V8's message ${JSON.stringify(message)}: offset ${offset} holds ${JSON.stringify(text[offset])}`);
  }
  return offset;
}

/**
 * True when `offset` is exactly where the first syntax error of `text` lies, judged by V8 on
 * prefixes: the text before the offset is JSON or the start of some JSON text (V8 fails only at
 * its end), and adding the character at the offset makes V8 fail before the end.
 */
export function isFirstErrorAt(text: string, offset: number): boolean {
  const viable = (s: string): boolean => {
    try {
      JSON.parse(s);
      return true;
    } catch (e) {
      const message = (e as Error).message;
      if (/Unexpected end of JSON input/.test(message)) return true;
      const at = /at position (\d+)/.exec(message);
      return at !== null && Number(at[1]) >= s.length;
    }
  };
  return offset < text.length && viable(text.slice(0, offset)) && !viable(text.slice(0, offset + 1));
}

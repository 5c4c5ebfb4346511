// Search snippets come from the core with the matched words between `[` and `]`. They are shown as
// text with <mark> around the hits, built from text nodes: a snippet is document text and is never
// treated as HTML.

export type SnippetPart = { text: string; hit: boolean };

/** Splits `a [hit] b` into plain and highlighted parts. An unmatched bracket is kept as text. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.hit === hit) last.text += text;
    else parts.push({ text, hit });
  };
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf('[');
    if (open === -1) break;
    const close = rest.indexOf(']', open + 1);
    if (close === -1) break;
    push(rest.slice(0, open), false);
    push(rest.slice(open + 1, close), true);
    rest = rest.slice(close + 1);
  }
  push(rest, false);
  return parts;
}

/** The words that were hit, lower-cased, for highlighting them again in the page text. */
export function hitWords(snippet: string): string[] {
  const words = snippetParts(snippet)
    .filter((p) => p.hit)
    .flatMap((p) => p.text.toLowerCase().split(/\s+/))
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  return [...new Set(words)];
}

/** Splits page text into parts, marking each whole-word occurrence of `words` (case-insensitive). */
export function highlightWords(text: string, words: string[]): SnippetPart[] {
  if (!words.length || !text) return text ? [{ text, hit: false }] : [];
  const pattern = wordPattern(words);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    parts.push({ text: m[0], hit: true });
    at = start + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** A pattern matching any of `words` as whole words, case-insensitively; they are taken literally. */
export function wordPattern(words: string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

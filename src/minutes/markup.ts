/**
 * Light markup for minutes notes, stored as plain text and turned into a tree that views render with
 * JSX (which escapes every text): paragraphs (blank lines), lists ("- " or "* "), **bold**, and links
 * [text](https://…) (only http, https and mailto; anything else stays text). No HTML is ever stored or
 * passed through, so nothing a writer types can run as script.
 */
export type Inline = { kind: 'text'; text: string } | { kind: 'bold'; text: string } | { kind: 'link'; text: string; href: string };
export type Block = { kind: 'paragraph'; lines: Inline[][] } | { kind: 'list'; items: Inline[][] };

const INLINE = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) parts.push({ kind: 'bold', text: match[1] });
    else if (/^(https?:\/\/|mailto:)/i.test(match[3]!) && URL.canParse(match[3]!)) parts.push({ kind: 'link', text: match[2]!, href: match[3]! });
    else parts.push({ kind: 'text', text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = chunk.split('\n').filter((l) => l.trim());
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) blocks.push({ kind: 'list', items: lines.map((l) => parseInline(l.replace(/^\s*[-*]\s+/, ''))) });
    else blocks.push({ kind: 'paragraph', lines: lines.map(parseInline) });
  }
  return blocks;
}

/**
 * Legal texts are Markdown like the minutes (views/markdown.tsx renders them), plus placeholders in
 * [[double brackets]] that the pages mark until the admin replaces them. Markdown leaves "[[…]]" as
 * text (it is no link without a matching definition), so the renderer splits each text run here.
 */
const PLACEHOLDER = /\[\[([^\][]{1,500})\]\]/g;

/** splitPlaceholders: a text as plain parts and placeholders (without their brackets). */
export function splitPlaceholders(text: string): { placeholder: boolean; text: string }[] {
  const parts: { placeholder: boolean; text: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ placeholder: false, text: text.slice(last, match.index) });
    parts.push({ placeholder: true, text: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ placeholder: false, text: text.slice(last) });
  return parts;
}

/** countPlaceholders: how many placeholders a text still has. */
export function countPlaceholders(text: string): number {
  return [...text.matchAll(PLACEHOLDER)].length;
}

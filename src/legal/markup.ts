import { parseMarkup, type Block as MinutesBlock } from '../minutes/markup.js';

/**
 * The light markup of the minutes (paragraphs, "- " lists, **bold**, [links](https://…); never HTML),
 * plus what a legal text needs: headings ("## " at the start of a paragraph) and placeholders in
 * [[double brackets]] that the pages mark until the admin replaces them. Views render the tree with JSX,
 * which escapes every text.
 */
export type Block = MinutesBlock | { kind: 'heading'; level: 2 | 3; text: string };

const HEADING = /^(#{1,3})\s+(.+)$/;
const PLACEHOLDER = /\[\[([^\][]{1,500})\]\]/g;

/** parseLegalText: a stored text as blocks; a heading line may have its paragraph directly below it. */
export function parseLegalText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = chunk.split('\n');
    const heading = HEADING.exec(lines[0]!.trim());
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length === 3 ? 3 : 2, text: heading[2]!.trim() });
      blocks.push(...parseMarkup(lines.slice(1).join('\n')));
    } else {
      blocks.push(...parseMarkup(chunk));
    }
  }
  return blocks;
}

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

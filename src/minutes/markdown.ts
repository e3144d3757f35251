import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/**
 * The minutes text is Markdown (CommonMark): paragraphs, bulleted and numbered lists, *italics*,
 * **bold**, headings, links. It is parsed by a maintained parser into a tree (mdast); the pages render
 * that tree with JSX and the PDFs with pdfkit, so no HTML a writer types ever passes through: raw HTML
 * nodes are shown as their text, and links keep only http, https and mailto targets.
 */
export function parseMinutesText(text: string): Root {
  return fromMarkdown(text.replace(/\r\n?/g, '\n'));
}

/** safeHref: the link target if it is http(s) or mailto and well formed, otherwise null (shown as text). */
export function safeHref(url: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(url) && URL.canParse(url) ? url : null;
}

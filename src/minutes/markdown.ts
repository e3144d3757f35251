import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/**
 * The minutes text is Markdown (CommonMark): paragraphs, bulleted and numbered lists, *italics*,
 * **bold**, headings, links. It is parsed by a maintained parser into a tree (mdast); the pages render
 * that tree with JSX and the PDFs with pdfkit, so no HTML a writer types ever passes through: raw HTML
 * nodes are shown as their text, and links keep only http, https and mailto targets.
 */
export function parseMinutesText(text: string): Root {
  // HTML is not Markdown here: "<script>" or "<b>" is text like any other (and the Markdown after it on
  // the line still counts), instead of an HTML block that swallows its whole paragraph.
  return fromMarkdown(text.replace(/\r\n?/g, '\n'), { extensions: [{ disable: { null: ['htmlFlow', 'htmlText'] } }] });
}

/** safeHref: the link target if it is http(s) or mailto and well formed, otherwise null (shown as text). */
export function safeHref(url: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(url) && URL.canParse(url) ? url : null;
}

/** plainText: what a reader sees of a Markdown text, without its markup (for search excerpts); blocks are joined by spaces. */
export function plainText(text: string): string {
  const parts: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code' || node.type === 'html') parts.push(node.value);
    else if (node.type === 'image' || node.type === 'imageReference') parts.push(node.alt ?? '');
    else if (node.type === 'break') parts.push(' ');
    if (node.type === 'list' && node.ordered) {
      // "2. Lesung" stays "2. Lesung": the number is part of what was written.
      node.children.forEach((item, i) => {
        parts.push(`${(node.start ?? 1) + i}. `);
        walk(item);
      });
      return;
    }
    if ('children' in node) {
      for (const child of node.children) walk(child as Nodes);
      // A block ends a word: "Absatz" and the next paragraph must not run together.
      if (!['emphasis', 'strong', 'link', 'linkReference', 'delete'].includes(node.type)) parts.push(' ');
    }
  };
  walk(parseMinutesText(text));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

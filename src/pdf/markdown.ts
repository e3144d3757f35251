import type { PhrasingContent, RootContent } from 'mdast';
import { parseMinutesText, safeHref } from '../minutes/markdown.js';
import type { Run, Writer } from './layout.js';

type Element = PDFKit.PDFStructureElement;

/** inlineRuns: phrasing content as runs; raw HTML stays text, links keep only safe targets (as on the page). */
function inlineRuns(nodes: PhrasingContent[], marks: { bold?: boolean; italic?: boolean } = {}): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'html':
        runs.push({ text: node.value, ...marks });
        break;
      case 'break':
        runs.push({ text: '\n', ...marks });
        break;
      case 'emphasis':
        runs.push(...inlineRuns(node.children, { ...marks, italic: true }));
        break;
      case 'strong':
        runs.push(...inlineRuns(node.children, { ...marks, bold: true }));
        break;
      case 'delete':
        runs.push(...inlineRuns(node.children, marks));
        break;
      case 'link': {
        const href = safeHref(node.url);
        const inner = inlineRuns(node.children, marks);
        runs.push(...(href ? inner.map((r) => ({ ...r, link: href })) : inner));
        break;
      }
      case 'image':
        if (node.alt) runs.push({ text: node.alt, ...marks });
        break;
      default:
        if ('value' in node && typeof node.value === 'string') runs.push({ text: node.value, ...marks });
        else if ('children' in node) runs.push(...inlineRuns(node.children as PhrasingContent[], marks));
    }
  }
  // Soft line breaks inside a paragraph flow as spaces, as a browser shows them.
  return runs.map((r) => (r.text === '\n' ? r : { ...r, text: r.text.replace(/\n/g, ' ') }));
}

/**
 * writeBlocks: Markdown blocks as PDF structure: headings (one level below the document's own, so a
 * "#" in a TOP's notes is an H3 under the TOP's H2), paragraphs (P), bulleted and numbered lists (L, LI
 * with Lbl and LBody), quotes (BlockQuote), code as plain paragraphs.
 */
function writeBlocks(w: Writer, parent: Element, nodes: RootContent[], headingBase: number): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        w.heading(parent, Math.min(6, headingBase + node.depth), inlineRuns(node.children).map((r) => r.text).join(''), { size: 11, gapBefore: 4 });
        break;
      case 'paragraph':
        w.paragraph(parent, inlineRuns(node.children));
        break;
      case 'list': {
        const start = node.start ?? 1;
        w.list(
          parent,
          node.children.map((item, i) => ({
            label: node.ordered ? `${start + i}.` : '•',
            write: (body, column) => writeBlocks(column, body, item.children, headingBase),
          })),
          { labelWidth: node.ordered ? 20 : 14 },
        );
        break;
      }
      case 'blockquote': {
        const quote = w.doc.struct('BlockQuote');
        parent.add(quote);
        writeBlocks(w.indented(14), quote, node.children, headingBase);
        quote.end();
        w.reset();
        break;
      }
      case 'code':
      case 'html':
        w.paragraph(parent, node.value);
        break;
      case 'thematicBreak':
        w.rule(4);
        break;
      default:
        if ('children' in node) writeBlocks(w, parent, node.children as RootContent[], headingBase);
    }
  }
}

/** writeMarkdown: a minutes text (Markdown) into the PDF, parsed with the same parser as the pages. */
export function writeMarkdown(w: Writer, parent: Element, text: string, headingBase = 2): void {
  writeBlocks(w, parent, parseMinutesText(text).children, headingBase);
}

import type { Child, FC } from 'hono/jsx';
import type { Definition, Nodes, Root } from 'mdast';
import { parseMinutesText, safeHref } from '../src/minutes/markdown.js';

/**
 * The minutes text (and the legal texts) as Markdown, rendered from the mdast tree with JSX: every text
 * goes through JSX escaping and nothing is ever passed through as HTML (no dangerouslySetInnerHTML).
 * A raw HTML node shows as the text that was typed; a link whose target is not http(s) or mailto shows as
 * its text; an image shows as its description (a link to it when the address is safe), never loaded.
 */
export interface MarkdownOptions {
  /** The level a "#" heading gets; deeper ones follow, never above `minHeading`, never below h6. */
  headingShift: number;
  minHeading: number;
  /** Draws a run of plain text (legal texts mark their [[placeholders]]); the default shows it as it is. */
  Text?: FC<{ text: string }>;
}

/** Minutes: the page has h1 and a h2 per TOP, so "#" in the notes becomes h3. */
export const MINUTES_HEADINGS: MarkdownOptions = { headingShift: 2, minHeading: 3 };

interface Ctx extends MarkdownOptions {
  definitions: Map<string, Definition>;
}

const Plain: FC<{ text: string }> = ({ text }) => <>{text}</>;

/** A line break inside a paragraph stays one: writers of minutes put an address or a list of names on lines. */
function TextWithBreaks({ text, ctx }: { text: string; ctx: Ctx }) {
  const T = ctx.Text ?? Plain;
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          <T text={line} />
        </>
      ))}
    </>
  );
}

function children(node: { children: Nodes[] }, ctx: Ctx, tight = false): Child[] {
  return node.children.map((child) => renderNode(child, ctx, tight));
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === 'definition') into.set(node.identifier, node);
  if ('children' in node) for (const child of node.children) collectDefinitions(child as Nodes, into);
}

function Heading({ level, children: content }: { level: number; children?: Child }) {
  switch (level) {
    case 1:
      return <h1>{content}</h1>;
    case 2:
      return <h2>{content}</h2>;
    case 3:
      return <h3>{content}</h3>;
    case 4:
      return <h4>{content}</h4>;
    case 5:
      return <h5>{content}</h5>;
    default:
      return <h6>{content}</h6>;
  }
}

function linkTo(url: string, content: Child): Child {
  const href = safeHref(url);
  return href ? (
    <a href={href} rel="noopener nofollow">
      {content}
    </a>
  ) : (
    content
  );
}

/** renderNode: one mdast node as JSX; `tight` draws the paragraphs of a tight list item without <p>. */
function renderNode(node: Nodes, ctx: Ctx, tight = false): Child {
  switch (node.type) {
    case 'root':
      return <>{children(node, ctx)}</>;
    case 'paragraph':
      return tight ? <>{children(node, ctx)}</> : <p>{children(node, ctx)}</p>;
    case 'heading':
      return <Heading level={Math.min(6, Math.max(ctx.minHeading, node.depth + ctx.headingShift))}>{children(node, ctx)}</Heading>;
    case 'list': {
      const items = node.children.map((item) => <li>{children(item, ctx, !(node.spread || item.spread))}</li>);
      if (!node.ordered) return <ul>{items}</ul>;
      return <ol start={node.start !== null && node.start !== undefined && node.start !== 1 ? node.start : undefined}>{items}</ol>;
    }
    case 'listItem':
      return <li>{children(node, ctx, !node.spread)}</li>;
    case 'blockquote':
      return <blockquote>{children(node, ctx)}</blockquote>;
    case 'thematicBreak':
      return <hr />;
    case 'break':
      return <br />;
    case 'emphasis':
      return <em>{children(node, ctx)}</em>;
    case 'strong':
      return <strong>{children(node, ctx)}</strong>;
    case 'delete':
      return <del>{children(node, ctx)}</del>;
    case 'inlineCode':
      return <code>{node.value}</code>;
    case 'code':
      return (
        <pre>
          <code>{node.value}</code>
        </pre>
      );
    case 'text':
      return <TextWithBreaks text={node.value} ctx={ctx} />;
    // What a writer typed as HTML is shown as the text they typed, never interpreted.
    case 'html':
      return <TextWithBreaks text={node.value} ctx={ctx} />;
    case 'link':
      return linkTo(node.url, <>{children(node, ctx)}</>);
    case 'linkReference': {
      const definition = ctx.definitions.get(node.identifier);
      return definition ? linkTo(definition.url, <>{children(node, ctx)}</>) : <>{children(node, ctx)}</>;
    }
    case 'image':
      return linkTo(node.url, node.alt || node.url);
    case 'imageReference': {
      const definition = ctx.definitions.get(node.identifier);
      return definition ? linkTo(definition.url, node.alt || definition.url) : (node.alt ?? '');
    }
    case 'definition':
      return null;
    default:
      // Anything else the parser may yield (tables, footnotes with extensions): its text, or nothing.
      if ('children' in node) return <>{children(node as { children: Nodes[] }, ctx)}</>;
      if ('value' in node && typeof node.value === 'string') return <TextWithBreaks text={node.value} ctx={ctx} />;
      return null;
  }
}

/** MarkdownTree: a parsed text (mdast root) as JSX. */
export function MarkdownTree({ root, options = MINUTES_HEADINGS }: { root: Root; options?: MarkdownOptions }) {
  const definitions = new Map<string, Definition>();
  collectDefinitions(root, definitions);
  return <>{renderNode(root, { ...options, definitions })}</>;
}

/** Markdown: a stored text (minutes notes) parsed and rendered; see MarkdownTree. */
export function Markdown({ text, options = MINUTES_HEADINGS }: { text: string; options?: MarkdownOptions }) {
  return <MarkdownTree root={parseMinutesText(text)} options={options} />;
}

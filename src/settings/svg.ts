/**
 * svgProblem: why an uploaded SVG is refused as the office's logo, or null when it may be shown. An
 * SVG is a document that can run scripts, load other files and carry entities; the hub shows the logo
 * in <img> (where none of that runs) and serves it with a sandboxing Content-Security-Policy, and on
 * top of that accepts only plain drawings: no scripts, no event handlers, no references outside the
 * file, no DTD. Refusing is safer than cleaning: a cleaned file could still hold what a parser of ours
 * missed, while a refused one makes the admin export a plain SVG (any drawing program can).
 */
export type SvgProblem = 'settings.logoSvgScript' | 'settings.logoSvgExternal' | 'settings.logoType';

/** Elements that run code, embed other documents or change attributes (animate a link into "javascript:"). */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener', 'animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor', 'discard', 'html', 'body', 'meta', 'link', 'base']);

export function svgProblem(bytes: Uint8Array): SvgProblem | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return 'settings.logoType';
  }
  // An SVG document: optional XML declaration and comments, then the <svg> root, and nothing after it.
  const withoutProlog = text.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*/, '');
  if (!/^<svg[\s>]/.test(withoutProlog) || !/<\/svg>\s*(?:<!--[\s\S]*?-->\s*)*$/.test(withoutProlog)) return 'settings.logoType';
  // DTDs (entities can expand to anything, or load files), processing instructions (style sheets).
  if (/<!DOCTYPE|<!ENTITY|<\?(?!xml\s)/i.test(text)) return 'settings.logoSvgScript';
  // CDATA sections hide markup from the checks below.
  if (/<!\[CDATA\[/i.test(text)) return 'settings.logoSvgScript';
  for (const match of text.matchAll(/<\/?\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/g)) {
    if (ACTIVE_ELEMENTS.has(match[2]!.toLowerCase())) return 'settings.logoSvgScript';
  }
  // Event handlers (onload=, onclick=, also namespaced) anywhere, and script URLs in any form.
  if (/[\s"'/](?:[\w.-]+:)?on[a-z]+\s*=/i.test(text)) return 'settings.logoSvgScript';
  if (/javascript\s*:|vbscript\s*:/i.test(text) || /&#/.test(text)) return 'settings.logoSvgScript';
  // References: only to the file itself (href="#id", url(#id)).
  for (const match of text.matchAll(/[\s"'](?:[\w.-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))/gi)) {
    const target = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (!target.startsWith('#')) return 'settings.logoSvgExternal';
  }
  for (const match of text.matchAll(/url\s*\(\s*(["']?)([^)"']*)\1\s*\)/gi)) {
    if (!match[2]!.trim().startsWith('#')) return 'settings.logoSvgExternal';
  }
  if (/@import|data:/i.test(text)) return 'settings.logoSvgExternal';
  return null;
}

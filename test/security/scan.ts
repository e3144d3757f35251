/**
 * Checks on answers that every page must pass, shared by the permission matrix and the bad-input suite.
 */

/**
 * cspProblems: what in an HTML page the Content-Security-Policy (script-src 'self', style-src 'self',
 * no eval) would block, so a page that relies on it breaks in the browser: inline <script> without src
 * (JSON-LD data is not script and allowed), on…= handler attributes, htmx's hx-on (it needs eval), and
 * style= attributes. Only real tags count; escaped text ("&lt;b onclick=…") is not a tag.
 */
export function cspProblems(html: string): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const [tag, name, attrs] = match as unknown as [string, string, string];
    const attributes = [...attrs.matchAll(/\s([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)].map((a) => a[1]!.toLowerCase());
    if (name.toLowerCase() === 'script' && !attributes.includes('src') && !/type\s*=\s*["']application\/ld\+json["']/i.test(attrs)) problems.push(`inline script: ${tag.slice(0, 80)}`);
    for (const a of attributes) {
      if (/^on[a-z]+$/.test(a) || a.startsWith('hx-on')) problems.push(`handler attribute ${a}: ${tag.slice(0, 80)}`);
      if (a === 'style') problems.push(`style attribute: ${tag.slice(0, 80)}`);
    }
  }
  return problems;
}

/** leaks: which of the secret names occur in a body (HTML-escaped forms included). */
export function leaks(body: string, secrets: Record<string, string>): string[] {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return Object.entries(secrets)
    .filter(([, name]) => body.includes(name) || body.includes(escape(name)) || body.includes(encodeURIComponent(name)))
    .map(([key, name]) => `${key} (${name})`);
}

/** headerProblems: missing protections that every answer carries: nosniff, no framing. */
export function headerProblems(res: Response): string[] {
  const problems: string[] = [];
  if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push('X-Content-Type-Options: nosniff missing');
  if (res.headers.get('x-frame-options') !== 'DENY') problems.push('X-Frame-Options: DENY missing');
  if (!/frame-ancestors 'none'/.test(res.headers.get('content-security-policy') ?? '')) problems.push("CSP frame-ancestors 'none' missing");
  return problems;
}

/** isGermanPage: an HTML page in German with a heading (the error and form pages all have one). */
export function isGermanPage(res: Response, body: string): boolean {
  return /text\/html/.test(res.headers.get('content-type') ?? '') && /<html lang="de"/.test(body) && /<h1[^>]*>[^<]*[A-Za-zÄÖÜäöüß]/.test(body);
}

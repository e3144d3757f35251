import type { Context } from 'hono';

/**
 * sendDocument: a stored document as a download, never shown inline, so that an uploaded file cannot
 * run as a page of the hub; the name as ASCII and, for other characters, as RFC 5987 UTF-8. Used for
 * meeting documents and project documents alike.
 */
export function sendDocument(c: Context, file: { name: string; content_type: string; size: number }, bytes: Uint8Array<ArrayBuffer>): Response {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(file.name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  c.header('Content-Type', file.content_type);
  c.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`);
  c.header('Content-Length', String(file.size));
  c.header('Cache-Control', 'private, no-store');
  return c.body(bytes);
}

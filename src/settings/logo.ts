import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import type { MessageKey } from '../i18n/index.js';
import { svgProblem } from './svg.js';

/**
 * The office's logo: a PNG or SVG file, checked by its content (not its name), kept in the table
 * site_logo (one row), shown in the page header and on the PDFs (PNG only: pdfkit draws no SVG), and
 * served at /logo. Uploading and removing it is an admin's, audited as a settings change.
 */
export const LOGO_MAX_BYTES = 512 * 1024;
export type LogoType = 'image/png' | 'image/svg+xml';

export type LogoCheck = { ok: true; contentType: LogoType } | { ok: false; reason: MessageKey };

/** checkLogo: whether a file may be the logo: a PNG (by its signature, and one pdfkit can read) or a plain SVG. */
export async function checkLogo(bytes: Uint8Array): Promise<LogoCheck> {
  if (bytes.byteLength === 0) return { ok: false, reason: 'settings.logoEmpty' };
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, reason: 'settings.logoTooLarge' };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime === 'image/png') {
    if (!readablePng(bytes)) return { ok: false, reason: 'settings.logoType' };
    return { ok: true, contentType: 'image/png' };
  }
  // file-type knows no SVG (it is text); XML is what it may call it.
  if (detected && detected.mime !== 'application/xml') return { ok: false, reason: 'settings.logoType' };
  const problem = svgProblem(bytes);
  return problem ? { ok: false, reason: problem } : { ok: true, contentType: 'image/svg+xml' };
}

/** readablePng: a PNG that pdfkit can decode (a broken or truncated one would break every PDF). */
function readablePng(bytes: Uint8Array): boolean {
  try {
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): unknown };
    doc.openImage(Buffer.from(bytes));
    return true;
  } catch {
    return false;
  }
}

export interface StoredLogo {
  content_type: string;
  sha256: string;
  data: Buffer;
}

/** loadLogo: the logo as stored, or null. */
export async function loadLogo(db: Kysely<Database>): Promise<StoredLogo | null> {
  const row = await db.selectFrom('site_logo').select(['content_type', 'sha256', 'data']).where('id', '=', 1).executeTakeFirst();
  return row ? { ...row, data: Buffer.from(row.data) } : null;
}

/** pdfLogo: the logo for a PDF: the PNG's bytes, or null (no logo, or an SVG, which pdfkit cannot draw). */
export async function pdfLogo(db: Kysely<Database>): Promise<Buffer | null> {
  const row = await db.selectFrom('site_logo').select(['content_type', 'data']).where('id', '=', 1).where('content_type', '=', 'image/png').executeTakeFirst();
  return row ? Buffer.from(row.data) : null;
}

/** saveLogo stores a checked logo in place of the old one (audited: the type and hash before and after). */
export async function saveLogo(db: Kysely<Database>, actor: SessionUser, bytes: Uint8Array, contentType: LogoType, now: Date): Promise<boolean> {
  const data = Buffer.from(bytes);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const changed = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('site_logo').select(['content_type', 'sha256']).where('id', '=', 1).executeTakeFirst();
    if (before?.sha256 === sha256) return false;
    const row = { content_type: contentType, sha256, data, updated_at: now.toISOString() };
    if (before) await trx.updateTable('site_logo').set(row).where('id', '=', 1).execute();
    else await trx.insertInto('site_logo').values({ id: 1, ...row }).execute();
    await audit(trx, { actorUserId: actor.id, action: 'settings.update', entityType: 'settings', entityId: null, before: { logo: before ? `${before.content_type} ${before.sha256}` : null }, after: { logo: `${contentType} ${sha256}` } }, now);
    return true;
  });
  return changed;
}

/** removeLogo deletes the logo (audited); false when there was none. */
export async function removeLogo(db: Kysely<Database>, actor: SessionUser, now: Date): Promise<boolean> {
  const removed = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('site_logo').select(['content_type', 'sha256']).where('id', '=', 1).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('site_logo').where('id', '=', 1).execute();
    await audit(trx, { actorUserId: actor.id, action: 'settings.update', entityType: 'settings', entityId: null, before: { logo: `${before.content_type} ${before.sha256}` }, after: { logo: null } }, now);
    return true;
  });
  return removed;
}

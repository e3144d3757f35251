import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import { lockKey } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import type { Locale, MessageKey } from '../i18n/index.js';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MB = 1024 * 1024;

/**
 * The kinds of document a meeting may carry, recognised by their content (the name and the browser's
 * claim are not trusted): PDF, Word/Excel/PowerPoint (the XML formats), OpenDocument, and images.
 * Anything else, an .exe renamed .pdf included, is refused; so are the old binary Office formats, whose
 * container (CFB) cannot be told apart from installers and mail files by its first bytes.
 */
const ALLOWED = new Map<string, string>([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
  ['application/vnd.oasis.opendocument.presentation', 'odp'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
]);

export interface DocumentRow {
  id: number;
  name: string;
  size: number;
  content_type: string;
  agenda_item_id: number | null;
  created_at: string;
}

/**
 * cleanFileName: the last path part without control or bidi-format characters (which can make
 * "x\u202Efdp.hta" look like "xath.pdf"), with the extension of the detected type: a file stored as a
 * PDF is always downloaded as .pdf, whatever name it came with.
 */
export function cleanFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"*]|\p{Cf}/gu, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 180) || 'dokument';
  return `${stem}.${extension}`;
}

/**
 * groupFileUsage: the bytes the documents of all of a group's meetings take (agenda items' documents
 * belong to their meeting; the hub has no other files). 0 for a group without documents.
 */
export async function groupFileUsage(db: Kysely<Database>, groupId: number): Promise<number> {
  const row = await db
    .selectFrom('files')
    .innerJoin('meetings', 'meetings.id', 'files.meeting_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('files.size'), eb.val(0)).as('used'))
    .where('meetings.group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  return Number(row.used);
}

const megabyteFormats: Record<Locale, Intl.NumberFormat> = { de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }) };

/** megabytes: "12,4 MB" (one decimal at most; a few bytes show as "0,1 MB", not "0 MB"). */
export function megabytes(bytes: number, locale: Locale): string {
  const mb = bytes === 0 ? 0 : Math.max(0.1, bytes / MB);
  return `${megabyteFormats[locale].format(mb)} MB`;
}

export type CheckResult = { ok: true; mime: string; extension: string } | { ok: false; reason: MessageKey };

/**
 * checkDocument: whether an upload may be stored, by its size and its content (ALLOWED above), with the
 * detected type and the extension to store it under; shared with the project accounts' receipts
 * (src/projects/accounts/), which are checked the same way.
 */
export async function checkDocument(bytes: Uint8Array): Promise<CheckResult> {
  if (bytes.byteLength === 0) return { ok: false, reason: 'documents.empty' };
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, reason: 'documents.tooLarge' };
  const detected = await fileTypeFromBuffer(bytes);
  const extension = detected && ALLOWED.get(detected.mime);
  if (!detected || !extension) return { ok: false, reason: 'documents.type' };
  return { ok: true, mime: detected.mime, extension };
}

export type StoreResult = { ok: true; id: number } | { ok: false; reason: MessageKey; quota?: { used: number; allowed: number } };

/**
 * storeDocument checks and stores an upload; returns a reason key when it is refused (too large, empty,
 * of a kind not allowed, or beyond the group's quota of `quotaBytes`, then with what is used and
 * allowed) and nothing was stored.
 */
export async function storeDocument(
  db: Kysely<Database>,
  actor: SessionUser,
  meetingId: number,
  file: { name: string; bytes: Uint8Array },
  agendaItemId: number | null,
  now: Date,
  quotaBytes: number,
): Promise<StoreResult> {
  const checked = await checkDocument(file.bytes);
  if (!checked.ok) return checked;
  const detected = { mime: checked.mime };
  const name = cleanFileName(file.name, checked.extension);
  const data = Buffer.from(file.bytes);
  const meeting = await db.selectFrom('meetings').select('group_id').where('id', '=', meetingId).executeTakeFirstOrThrow();
  try {
    return await db.transaction().execute(async (trx): Promise<StoreResult> => {
      // The insert comes first and the check after it, under one lock per group, and a failed check
      // rolls the insert back: two uploads at once must not both see room that only one fits in. On
      // PostgreSQL the lock orders them and the second's sum sees the first's committed file; on
      // SQLite the first write takes the database's write lock before anything is read (a read first
      // would let a second instance's transaction fail on its stale snapshot instead of waiting).
      const row = await trx
        .insertInto('files')
        .values((eb) => ({
          meeting_id: meetingId,
          // Only an item of this meeting; another (or none) leaves it empty and the upload is refused below.
          agenda_item_id: agendaItemId === null ? null : eb.selectFrom('agenda_items').select('id').where('id', '=', agendaItemId).where('meeting_id', '=', meetingId),
          name,
          content_type: detected.mime,
          size: data.byteLength,
          sha256: createHash('sha256').update(data).digest('hex'),
          data,
          uploaded_by_user_id: actor.id,
          created_at: now.toISOString(),
        }))
        .returning(['id', 'agenda_item_id'])
        .executeTakeFirstOrThrow();
      if (row.agenda_item_id !== agendaItemId) throw new Refused({ ok: false, reason: 'field.choose' });
      await lockKey(trx, `files:group:${meeting.group_id}`);
      const used = await groupFileUsage(trx, meeting.group_id);
      if (used > quotaBytes) throw new Refused({ ok: false, reason: 'documents.quotaFull', quota: { used: used - data.byteLength, allowed: quotaBytes } });
      await audit(trx, { actorUserId: actor.id, action: 'document.upload', entityType: 'meeting', entityId: meetingId, after: { file: row.id, name, type: detected.mime, size: data.byteLength } }, now);
      return { ok: true, id: row.id };
    });
  } catch (err) {
    if (err instanceof Refused) return err.result;
    throw err;
  }
}

/** Refused rolls back an upload's transaction and carries the answer out of it. */
class Refused extends Error {
  constructor(readonly result: StoreResult) {
    super('refused');
  }
}

/** listDocuments: a meeting's documents without their content. */
export function listDocuments(db: Kysely<Database>, meetingId: number): Promise<DocumentRow[]> {
  return db.selectFrom('files').select(['id', 'name', 'size', 'content_type', 'agenda_item_id', 'created_at']).where('meeting_id', '=', meetingId).orderBy('id').execute();
}

/** findDocumentInfo: a document's meeting and metadata, without its content (checked before loading it). */
export function findDocumentInfo(db: Kysely<Database>, id: number) {
  return db.selectFrom('files').select(['id', 'meeting_id', 'name', 'content_type', 'size']).where('id', '=', id).executeTakeFirst();
}

/** documentContent: the bytes of a document whose access has been checked. */
export async function documentContent(db: Kysely<Database>, id: number): Promise<Uint8Array<ArrayBuffer>> {
  const row = await db.selectFrom('files').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  return new Uint8Array(row.data);
}

export async function deleteDocument(db: Kysely<Database>, actor: SessionUser, id: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const file = await trx.selectFrom('files').select(['meeting_id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
    await trx.deleteFrom('files').where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'document.delete', entityType: 'meeting', entityId: file.meeting_id, before: { file: id, name: file.name } }, now);
  });
}

import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, ProjectFileKind } from '../db/schema.js';
import type { MessageKey } from '../i18n/index.js';
import { checkUpload } from '../meetings/documents.js';

/**
 * A project's documents (grant notice, reports, other; receipts belong to the accounts), stored in the
 * database like meeting documents and checked by the same content check (src/meetings/documents.ts
 * checkUpload): the bytes decide the type, never the name or the browser's claim.
 */
export interface ProjectDocument {
  id: number;
  kind: ProjectFileKind;
  name: string;
  size: number;
  content_type: string;
  created_at: string;
}

export async function storeProjectDocument(
  db: Kysely<Database>,
  actor: SessionUser,
  projectId: number,
  kind: ProjectFileKind,
  file: { name: string; bytes: Uint8Array },
  now: Date,
): Promise<{ ok: true; id: number } | { ok: false; reason: MessageKey }> {
  const checked = await checkUpload(file);
  if (!checked.ok) return checked;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('project_files')
      .values({ project_id: projectId, kind, name: checked.name, content_type: checked.mime, size: checked.data.byteLength, sha256: checked.sha256, data: checked.data, uploaded_by_user_id: actor.id, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'project.document_upload', entityType: 'project', entityId: projectId, after: { file: row.id, kind, name: checked.name, type: checked.mime, size: checked.data.byteLength } }, now);
    return { ok: true as const, id: row.id };
  });
}

/** listProjectDocuments: a project's documents of the given kinds (what the viewer may see), without content. */
export function listProjectDocuments(db: Kysely<Database>, projectId: number, kinds: ProjectFileKind[]): Promise<ProjectDocument[]> {
  return db
    .selectFrom('project_files')
    .select(['id', 'kind', 'name', 'size', 'content_type', 'created_at'])
    .where('project_id', '=', projectId)
    .where('kind', 'in', kinds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** findProjectDocument: a document of this project, of a kind the viewer may see; metadata only. */
export function findProjectDocument(db: Kysely<Database>, projectId: number, id: number, kinds: ProjectFileKind[]) {
  return db.selectFrom('project_files').select(['id', 'kind', 'name', 'content_type', 'size']).where('id', '=', id).where('project_id', '=', projectId).where('kind', 'in', kinds).executeTakeFirst();
}

/** projectDocumentContent: the bytes of a document whose access has been checked. */
export async function projectDocumentContent(db: Kysely<Database>, id: number): Promise<Uint8Array<ArrayBuffer>> {
  const row = await db.selectFrom('project_files').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  return new Uint8Array(row.data);
}

export async function deleteProjectDocument(db: Kysely<Database>, actor: SessionUser, projectId: number, id: number, kinds: ProjectFileKind[], now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const file = await trx.selectFrom('project_files').select(['name', 'kind']).where('id', '=', id).where('project_id', '=', projectId).where('kind', 'in', kinds).executeTakeFirst();
    if (!file) return false;
    await trx.deleteFrom('project_files').where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'project.document_delete', entityType: 'project', entityId: projectId, before: { file: id, kind: file.kind, name: file.name } }, now);
    return true;
  });
}

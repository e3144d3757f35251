import type { Kysely, Selectable } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, ProjectsTable, ProjectStatus } from '../db/schema.js';
import { STATUSES, type ProjectInput } from './form.js';

export type { ProjectInput } from './form.js';

export type ProjectRow = Selectable<ProjectsTable>;

/** A project with its lists (ids) and the names the pages show. */
export interface Project extends ProjectRow {
  programmes: { id: number; name: string; archived: boolean }[];
  partners: { id: number; name: string; published: boolean }[];
  cities: { id: number; name: string }[];
  fields: number[];
  responsible: { id: number; name: string; email: string | null } | null;
}

/** The filters of /projects (GET parameters, each optional). */
export interface ProjectFilters {
  status?: ProjectStatus;
  programme?: number;
  /** Only the projects the viewer is responsible for. */
  mine?: boolean;
  /** Archived projects instead of the current ones. */
  archived?: boolean;
}

/** readFilters: the list's filters from the query string; unknown values are ignored (shown as "all"). */
export function readFilters(query: Record<string, string | undefined>): ProjectFilters {
  const f: ProjectFilters = {};
  if (query.status && STATUSES.includes(query.status as ProjectStatus)) f.status = query.status as ProjectStatus;
  if (query.programme && /^[1-9][0-9]{0,8}$/.test(query.programme)) f.programme = Number(query.programme);
  if (query.mine === '1') f.mine = true;
  if (query.archived === '1') f.archived = true;
  return f;
}

async function complete(db: Kysely<Database>, rows: ProjectRow[]): Promise<Project[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const userIds = rows.map((r) => r.responsible_user_id).filter((id): id is number => id !== null);
  const [programmes, partners, cities, fields, users] = await Promise.all([
    db.selectFrom('project_programmes').innerJoin('programmes', 'programmes.id', 'project_programmes.programme_id').select(['project_programmes.project_id', 'programmes.id', 'programmes.name', 'programmes.archived_at']).where('project_id', 'in', ids).orderBy('programmes.name').execute(),
    db.selectFrom('project_partners').innerJoin('organisations', 'organisations.id', 'project_partners.organisation_id').select(['project_partners.project_id', 'organisations.id', 'organisations.name', 'organisations.status']).where('project_id', 'in', ids).orderBy('organisations.name').execute(),
    db.selectFrom('project_cities').innerJoin('cities', 'cities.id', 'project_cities.city_id').select(['project_cities.project_id', 'cities.id', 'cities.name']).where('project_id', 'in', ids).orderBy('cities.position').execute(),
    db.selectFrom('project_fields').select(['project_id', 'field_id']).where('project_id', 'in', ids).execute(),
    userIds.length ? db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['users.id', 'persons.name', 'persons.email']).where('users.id', 'in', userIds).execute() : Promise.resolve([]),
  ]);
  return rows.map((r) => {
    const u = users.find((x) => x.id === r.responsible_user_id);
    return {
      ...r,
      programmes: programmes.filter((p) => p.project_id === r.id).map((p) => ({ id: p.id, name: p.name, archived: p.archived_at !== null })),
      partners: partners.filter((p) => p.project_id === r.id).map((p) => ({ id: p.id, name: p.name, published: p.status === 'published' })),
      cities: cities.filter((c) => c.project_id === r.id).map((c) => ({ id: c.id, name: c.name })),
      fields: fields.filter((f) => f.project_id === r.id).map((f) => f.field_id),
      responsible: u ? { id: u.id, name: u.name, email: u.email } : null,
    };
  });
}

/**
 * listProjects: the projects a viewer may see, filtered: `only` limits them to the given ids (a
 * partner's representative: their organisations' projects); undefined means every project (the staff).
 * Current projects by name; archived ones only when asked for.
 */
export async function listProjects(db: Kysely<Database>, filters: ProjectFilters, viewer: SessionUser, only?: number[]): Promise<Project[]> {
  if (only && only.length === 0) return [];
  let q = db.selectFrom('projects').selectAll().where('archived_at', filters.archived ? 'is not' : 'is', null);
  if (only) q = q.where('id', 'in', only);
  if (filters.status) q = q.where('status', '=', filters.status);
  if (filters.programme) q = q.where('id', 'in', db.selectFrom('project_programmes').select('project_id').where('programme_id', '=', filters.programme));
  if (filters.mine) q = q.where('responsible_user_id', '=', viewer.id);
  return complete(db, await q.orderBy('name').orderBy('id').execute());
}

export async function findProject(db: Kysely<Database>, id: number): Promise<Project | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await complete(db, [row]))[0] : undefined;
}

/** staffChoices: the active staff (secretariat and admins) a project may name as responsible, by name. */
export function staffChoices(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'persons.name'])
    .where('users.active', '=', 1)
    .where('users.role', 'in', ['secretariat', 'admin'])
    .orderBy('persons.name')
    .execute();
}

/** partnerChoices: the published directory entries a project may name as partners, by name. */
export function partnerChoices(db: Kysely<Database>) {
  return db.selectFrom('organisations').select(['id', 'name']).where('status', '=', 'published').orderBy('name').execute();
}

/** programmeChoices: the funding programmes that are not archived, by name. */
export function programmeChoices(db: Kysely<Database>) {
  return db.selectFrom('programmes').select(['id', 'name']).where('archived_at', 'is', null).orderBy('name').execute();
}

function columns(input: ProjectInput) {
  return {
    name: input.name,
    short_name: input.short_name,
    description: input.description,
    reference_no: input.reference_no,
    starts_on: input.starts_on,
    ends_on: input.ends_on,
    status: input.status,
    responsible_user_id: input.responsible_user_id,
  };
}

/** What the audit log keeps of a project: its columns and lists (ids). */
function record(input: ProjectInput) {
  return { ...columns(input), programmes: input.programmes, partners: input.partners, cities: input.cities, fields: input.fields };
}

function recordOf(p: Project) {
  return {
    ...columns({ ...p, programmes: [], partners: [], cities: [], fields: [] }),
    programmes: p.programmes.map((x) => x.id),
    partners: p.partners.map((x) => x.id),
    cities: p.cities.map((x) => x.id),
    fields: p.fields,
  };
}

async function writeLists(trx: Kysely<Database>, id: number, input: ProjectInput): Promise<void> {
  await trx.deleteFrom('project_programmes').where('project_id', '=', id).execute();
  await trx.deleteFrom('project_partners').where('project_id', '=', id).execute();
  await trx.deleteFrom('project_cities').where('project_id', '=', id).execute();
  await trx.deleteFrom('project_fields').where('project_id', '=', id).execute();
  if (input.programmes.length) await trx.insertInto('project_programmes').values(input.programmes.map((programme_id) => ({ project_id: id, programme_id }))).execute();
  if (input.partners.length) await trx.insertInto('project_partners').values(input.partners.map((organisation_id) => ({ project_id: id, organisation_id }))).execute();
  if (input.cities.length) await trx.insertInto('project_cities').values(input.cities.map((city_id) => ({ project_id: id, city_id }))).execute();
  if (input.fields.length) await trx.insertInto('project_fields').values(input.fields.map((field_id) => ({ project_id: id, field_id }))).execute();
}

export async function createProject(db: Kysely<Database>, actor: SessionUser | null, input: ProjectInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const row = await trx
      .insertInto('projects')
      .values({ ...columns(input), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLists(trx, row.id, input);
    await audit(trx, { actorUserId: actor?.id ?? null, action: 'project.create', entityType: 'project', entityId: row.id, after: record(input) }, now);
    return row.id;
  });
}

/**
 * updateProject: the new values and lists, audited with before and after. A partner or programme that
 * is no longer offered (an entry withdrawn from the directory, an archived programme) but was already
 * linked may stay: the caller offers the linked ones too.
 */
export async function updateProject(db: Kysely<Database>, actor: SessionUser, id: number, input: ProjectInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findProject(trx, id);
    if (!before) return false;
    await trx.updateTable('projects').set({ ...columns(input), updated_at: now.toISOString() }).where('id', '=', id).execute();
    await writeLists(trx, id, input);
    await audit(trx, { actorUserId: actor.id, action: 'project.update', entityType: 'project', entityId: id, before: recordOf(before), after: record(input) }, now);
    return true;
  });
}

/**
 * archiveProject: archived (out of the lists, the feeds, the reminders and the work queue; kept with
 * everything it holds) or back; false when there is no such project. Projects are never deleted: their
 * documents and accounts are records the funder may ask for years later.
 */
export async function archiveProject(db: Kysely<Database>, actor: SessionUser, id: number, archived: boolean, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('projects').select(['name', 'archived_at']).where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    if (Boolean(row.archived_at) === archived) return true;
    await trx
      .updateTable('projects')
      .set({ archived_at: archived ? now.toISOString() : null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await audit(trx, { actorUserId: actor.id, action: archived ? 'project.archive' : 'project.restore', entityType: 'project', entityId: id, after: { name: row.name } }, now);
    return true;
  });
}

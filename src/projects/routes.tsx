import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { DeadlineFormPage } from '../../views/projects/deadline-form.js';
import { ProjectFormPage } from '../../views/projects/form.js';
import { ProjectsPage } from '../../views/projects/list.js';
import { projectTitle } from '../../views/projects/labels.js';
import { ProjectPage, type ShowErrors } from '../../views/projects/show.js';
import { requireUser } from '../auth/middleware.js';
import type { ProjectFileKind } from '../db/schema.js';
import { loadChoices } from '../directory/choices.js';
import { sendDocument } from '../http/download.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { readForm, type FieldErrors } from '../http/forms.js';
import { today } from '../lib/berlin-time.js';
import { mayEditProjects, mayReadAccounts, mayReadProject, partnerProjectIds, visibleFileKinds } from './access.js';
import { addDeadline, findDeadline, listDeadlines, markDeadline, removeDeadline, updateDeadline } from './deadlines.js';
import { deleteProjectDocument, findProjectDocument, listProjectDocuments, projectDocumentContent, storeProjectDocument } from './documents.js';
import { DOCUMENT_KINDS, parseDeadlineForm, parseProjectForm, type ProjectFormValues } from './form.js';
import { archiveProject, createProject, findProject, listProjects, partnerChoices, programmeChoices, readFilters, staffChoices, updateProject, type Project } from './projects.js';

const ID = ':id{[1-9][0-9]{0,8}}';
const FILE = ':file{[1-9][0-9]{0,8}}';
const DEADLINE = ':deadline{[1-9][0-9]{0,8}}';

const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));
const numberOf = (c: Context<AppEnv>, name: 'file' | 'deadline') => Number(c.req.param(name));

/** onlyEditors: visitors are sent to sign in (401 for POSTs); everyone but the staff gets 403, before any lookup. */
const onlyEditors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditProjects(c.var.user)) return renderError(c, 403);
  return next();
};

/**
 * withReadable: the project, when the viewer may read it (src/projects/access.ts); a project the viewer
 * may not see is not found (404), so that nobody learns it exists; visitors are sent to sign in.
 */
async function withReadable(c: Context<AppEnv>, then: (p: Project) => Response | Promise<Response>): Promise<Response> {
  if (!c.var.user) return (await requireUser(c, async () => {})) as Response;
  const id = idOf(c);
  if (!(await mayReadProject(c.var.db, c.var.user, id, today(c.var.now())))) return renderError(c, 404, 'projects.notFound');
  const project = await findProject(c.var.db, id);
  // A partner sees an archived project no longer; the staff still do (to restore it).
  if (!project || (project.archived_at && !mayEditProjects(c.var.user))) return renderError(c, 404, 'projects.notFound');
  return then(project);
}

/** withEditable: the project for the staff (the middleware checked the role), or 404. */
async function withEditable(c: Context<AppEnv>, then: (p: Project) => Response | Promise<Response>): Promise<Response> {
  const project = await findProject(c.var.db, idOf(c));
  if (!project) return renderError(c, 404, 'projects.notFound');
  return then(project);
}

async function fieldLabels(c: Context<AppEnv>) {
  const choices = await loadChoices(c.var.db, c.var.locale);
  return { choices, all: [...choices.fields, ...choices.retired.fields] };
}

async function renderList(c: Context<AppEnv>) {
  const t = c.var.t;
  const user = c.var.user!;
  const staff = mayEditProjects(user);
  const only = staff ? undefined : await partnerProjectIds(c.var.db, user, today(c.var.now()));
  if (only && only.length === 0) return renderError(c, 403);
  const filters = readFilters(c.req.query());
  // Partners see their current projects only: no archive, no "mine".
  if (!staff) {
    delete filters.archived;
    delete filters.mine;
  }
  const [projects, programmes] = await Promise.all([listProjects(c.var.db, filters, user, only), staff ? programmeChoices(c.var.db) : Promise.resolve([])]);
  return c.render(<ProjectsPage t={t} fmt={c.var.fmt} projects={projects} filters={filters} programmes={programmes} canEdit={staff} />, { title: t('projects.title') });
}

async function renderShow(c: Context<AppEnv>, project: Project, errors?: ShowErrors, deadlineValues?: Record<string, string>) {
  const user = c.var.user!;
  const kinds = visibleFileKinds(user);
  const [deadlines, documents, lists] = await Promise.all([listDeadlines(c.var.db, project.id), listProjectDocuments(c.var.db, project.id, kinds), fieldLabels(c)]);
  return c.render(
    <ProjectPage
      t={c.var.t}
      fmt={c.var.fmt}
      today={today(c.var.now())}
      project={project}
      fields={lists.all.filter((f) => project.fields.includes(f.id))}
      deadlines={deadlines}
      documents={documents}
      canEdit={mayEditProjects(user)}
      canReadAccounts={mayReadAccounts(user)}
      errors={errors}
      deadlineValues={deadlineValues}
    />,
    { title: projectTitle(project) },
  );
}

function valuesOf(p: Project): ProjectFormValues {
  return {
    text: {
      name: p.name,
      short_name: p.short_name ?? '',
      description: p.description ?? '',
      reference_no: p.reference_no ?? '',
      starts_on: p.starts_on ?? '',
      ends_on: p.ends_on ?? '',
      status: p.status,
      responsible_user_id: p.responsible_user_id === null ? '' : String(p.responsible_user_id),
    },
    programmes: p.programmes.map((x) => x.id),
    partners: p.partners.map((x) => x.id),
    cities: p.cities.map((x) => x.id),
    fields: p.fields,
  };
}

const EMPTY: ProjectFormValues = { text: { status: 'planned' }, programmes: [], partners: [], cities: [], fields: [] };

/**
 * formLists: what the form offers: programmes not archived, published directory entries, cities,
 * active fields of action and the active staff; what a project already names stays offered (an archived
 * programme, a withdrawn entry, a retired field, a former staff member), so that saving keeps it.
 */
async function formLists(c: Context<AppEnv>, project?: Project) {
  const [choices, programmes, partners, staff] = await Promise.all([loadChoices(c.var.db, c.var.locale), programmeChoices(c.var.db), partnerChoices(c.var.db), staffChoices(c.var.db)]);
  const keep = <T extends { id: number }>(offered: T[], linked: T[]) => [...offered, ...linked.filter((l) => !offered.some((o) => o.id === l.id))];
  const responsible = project?.responsible ? [{ id: project.responsible.id, name: project.responsible.name }] : [];
  return {
    programmes: keep(programmes, project?.programmes ?? []),
    partners: keep(partners, project?.partners ?? []),
    cities: choices.cities,
    fields: keep(choices.fields, choices.retired.fields.filter((f) => project?.fields.includes(f.id))),
    staff: keep(staff, responsible),
  };
}

async function renderForm(c: Context<AppEnv>, project: Project | undefined, values?: ProjectFormValues, errors?: FieldErrors) {
  const t = c.var.t;
  const lists = await formLists(c, project);
  const option = (r: { id: number; name: string }) => ({ value: String(r.id), label: r.name });
  return c.render(
    <ProjectFormPage
      t={t}
      project={project ? { id: project.id, name: project.name, archived: Boolean(project.archived_at) } : undefined}
      values={values ?? (project ? valuesOf(project) : EMPTY)}
      errors={errors}
      programmes={lists.programmes.map(option)}
      partners={lists.partners.map(option)}
      cities={lists.cities.map(option)}
      fields={lists.fields.map((f) => ({ value: String(f.id), label: f.label }))}
      staff={lists.staff.map(option)}
    />,
    { title: project ? t('projects.editTitle') : t('projects.new') },
  );
}

/** submitted: the posted form checked; on errors the form again with 422 and nothing stored. */
async function submitted(c: Context<AppEnv>, project: Project | undefined) {
  const body = await readForm(c, { all: true });
  const lists = await formLists(c, project);
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  const result = parseProjectForm(body, { programmes: ids(lists.programmes), partners: ids(lists.partners), cities: ids(lists.cities), fields: ids(lists.fields), staff: ids(lists.staff) });
  if ('errors' in result) {
    c.status(422);
    return { response: await renderForm(c, project, result.values, result.errors) };
  }
  return { input: result.input };
}

/** The file posted as `file`, as bytes, or null when none came. */
async function postedFile(body: Record<string, unknown>): Promise<{ name: string; bytes: Uint8Array } | null> {
  const file = body.file;
  return file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
}

/**
 * The office's projects (issue #19): /projects for the staff (all) and for partners' representatives
 * (their organisations' projects: page, deadlines, documents, never the accounts nor receipts); editing,
 * documents and deadlines for the staff only. Every change is audited. The accounts are at
 * /projects/:id/accounts (src/projects/accounts/).
 */
export const projectRoutes = new Hono<AppEnv>()
  .get('/projects', async (c) => {
    if (!c.var.user) return requireUser(c, async () => {});
    return renderList(c);
  })
  .use('/projects/new', onlyEditors)
  .get('/projects/new', (c) => renderForm(c, undefined))
  .post('/projects', onlyEditors, async (c) => {
    const r = await submitted(c, undefined);
    if (!r.input) return r.response;
    const id = await createProject(c.var.db, c.var.user!, r.input, c.var.now());
    return redirectWithFlash(c, `/projects/${id}`, 'success', 'projects.saved');
  })
  .get(`/projects/${ID}`, (c) => withReadable(c, (p) => renderShow(c, p)))
  .get(`/projects/${ID}/edit`, onlyEditors, (c) => withEditable(c, (p) => renderForm(c, p)))
  .post(`/projects/${ID}`, onlyEditors, (c) =>
    withEditable(c, async (p) => {
      const r = await submitted(c, p);
      if (!r.input) return r.response;
      await updateProject(c.var.db, c.var.user!, p.id, r.input, c.var.now());
      return redirectWithFlash(c, `/projects/${p.id}`, 'success', 'projects.saved');
    }),
  )
  .post(`/projects/${ID}/archive`, onlyEditors, async (c) => {
    if (!(await archiveProject(c.var.db, c.var.user!, idOf(c), true, c.var.now()))) return renderError(c, 404, 'projects.notFound');
    return redirectWithFlash(c, `/projects/${idOf(c)}`, 'success', 'projects.archivedFlash');
  })
  .post(`/projects/${ID}/restore`, onlyEditors, async (c) => {
    if (!(await archiveProject(c.var.db, c.var.user!, idOf(c), false, c.var.now()))) return renderError(c, 404, 'projects.notFound');
    return redirectWithFlash(c, `/projects/${idOf(c)}`, 'success', 'projects.restoredFlash');
  })
  .post(`/projects/${ID}/files`, onlyEditors, (c) =>
    withEditable(c, async (p) => {
      const body = await readForm(c);
      const kind = typeof body.kind === 'string' && DOCUMENT_KINDS.includes(body.kind as ProjectFileKind) ? (body.kind as ProjectFileKind) : null;
      if (!kind) {
        c.status(422);
        return renderShow(c, p, { document: c.var.t('projects.documents.kindMissing') });
      }
      const file = await postedFile(body);
      const result = file ? await storeProjectDocument(c.var.db, c.var.user!, p.id, kind, file, c.var.now()) : ({ ok: false, reason: 'documents.empty' } as const);
      if (!result.ok) {
        c.status(422);
        return renderShow(c, p, { document: c.var.t(result.reason) });
      }
      return redirectWithFlash(c, `/projects/${p.id}#documents`, 'success', 'documents.uploaded');
    }),
  )
  .get(`/projects/${ID}/files/${FILE}`, (c) =>
    withReadable(c, async (p) => {
      // Only the metadata is read before the kind is checked (a partner never gets a receipt); the content after it.
      const file = await findProjectDocument(c.var.db, p.id, numberOf(c, 'file'), visibleFileKinds(c.var.user));
      if (!file) return renderError(c, 404);
      return sendDocument(c, file, await projectDocumentContent(c.var.db, file.id));
    }),
  )
  .post(`/projects/${ID}/files/${FILE}/delete`, onlyEditors, (c) =>
    withEditable(c, async (p) => {
      // Receipts are deleted with their expense in the accounts, not here.
      if (!(await deleteProjectDocument(c.var.db, c.var.user!, p.id, numberOf(c, 'file'), [...DOCUMENT_KINDS], c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, `/projects/${p.id}#documents`, 'success', 'documents.deleted');
    }),
  )
  .post(`/projects/${ID}/deadlines`, onlyEditors, (c) =>
    withEditable(c, async (p) => {
      const result = parseDeadlineForm(await readForm(c));
      if ('errors' in result) {
        c.status(422);
        return renderShow(c, p, { deadline: result.errors }, result.values);
      }
      await addDeadline(c.var.db, c.var.user!, p.id, result.input, c.var.now());
      return redirectWithFlash(c, `/projects/${p.id}#deadlines`, 'success', 'projects.deadlines.added');
    }),
  )
  .get(`/projects/${ID}/deadlines/${DEADLINE}/edit`, onlyEditors, (c) =>
    withEditable(c, async (p) => {
      const d = await findDeadline(c.var.db, p.id, numberOf(c, 'deadline'));
      if (!d) return renderError(c, 404);
      return c.render(<DeadlineFormPage t={c.var.t} project={p} deadlineId={d.id} values={{ kind: d.kind, title: d.title, due_on: d.due_on }} />, { title: c.var.t('projects.deadlines.editTitle') });
    }),
  )
  .post(`/projects/${ID}/deadlines/${DEADLINE}`, onlyEditors, (c) =>
    withEditable(c, async (p) => {
      const id = numberOf(c, 'deadline');
      if (!(await findDeadline(c.var.db, p.id, id))) return renderError(c, 404);
      const result = parseDeadlineForm(await readForm(c));
      if ('errors' in result) {
        c.status(422);
        return c.render(<DeadlineFormPage t={c.var.t} project={p} deadlineId={id} values={result.values} errors={result.errors} />, { title: c.var.t('projects.deadlines.editTitle') });
      }
      await updateDeadline(c.var.db, c.var.user!, p.id, id, result.input, c.var.now());
      return redirectWithFlash(c, `/projects/${p.id}#deadlines`, 'success', 'projects.deadlines.saved');
    }),
  )
  .post(`/projects/${ID}/deadlines/${DEADLINE}/done`, onlyEditors, async (c) => {
    if (!(await markDeadline(c.var.db, c.var.user!, idOf(c), numberOf(c, 'deadline'), true, c.var.now()))) return renderError(c, 404);
    return redirectWithFlash(c, `/projects/${idOf(c)}#deadlines`, 'success', 'projects.deadlines.doneFlash');
  })
  .post(`/projects/${ID}/deadlines/${DEADLINE}/reopen`, onlyEditors, async (c) => {
    if (!(await markDeadline(c.var.db, c.var.user!, idOf(c), numberOf(c, 'deadline'), false, c.var.now()))) return renderError(c, 404);
    return redirectWithFlash(c, `/projects/${idOf(c)}#deadlines`, 'success', 'projects.deadlines.reopenedFlash');
  })
  .post(`/projects/${ID}/deadlines/${DEADLINE}/delete`, onlyEditors, async (c) => {
    if (!(await removeDeadline(c.var.db, c.var.user!, idOf(c), numberOf(c, 'deadline'), c.var.now()))) return renderError(c, 404);
    return redirectWithFlash(c, `/projects/${idOf(c)}#deadlines`, 'success', 'projects.deadlines.removed');
  });

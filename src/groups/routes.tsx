import { Hono, type Context } from 'hono';
import { GroupFormPage, GroupPage, GroupsListPage } from '../../views/groups/groups.js';
import { ImportPage, MemberList, MembersPage, MembersPanel, type ImportRowView, type MembersView } from '../../views/groups/members.js';
import { requirePermission, requireUser } from '../auth/middleware.js';
import { can } from '../auth/permissions.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash, setFlash } from '../http/flash.js';
import { formValues, validForm, type FieldErrors, readForm } from '../http/forms.js';
import { isFragmentRequest } from '../http/htmx.js';
import { PAGE_SIZE, pageParam } from '../http/pagination.js';
import type { MessageKey } from '../i18n/index.js';
import { excelCsv } from '../lib/csv-export.js';
import { formatDay } from '../lib/days.js';
import { today } from '../lib/berlin-time.js';
import { isDay } from '../lib/days.js';
import { listGroupMeetings } from '../meetings/meetings.js';
import { organisationNames } from '../organisations/organisations.js';
import { createPerson, DuplicateEmailError, PersonAnonymisedError } from '../people/people.js';
import { atLeast, type GroupAccess } from './access.js';
import { createGroup, DuplicateSlugError, findGroupForViewer, listGroupsForViewer, setGroupArchived, slugify, updateGroup, type GroupInput, type VisibleGroup } from './groups.js';
import { decodeCsv, type Problem } from '../lib/csv-import.js';
import { commitImport, commitInvitations, parseMemberCsv, planImport, planInvitations, type ImportRow } from './member-import.js';
import { addMembership, countMembers, endMembership, InvalidEndError, listMembers, listOrganisers, mayPickPerson, NotRepresentableError, OverlappingMembershipError, resolvePerson, setRepresentation } from './memberships.js';
import { answerInvitation, checkInvitation, invite, listOpenInvitations } from './invitations.js';
import { JoinInvalidPage, JoinPage, JoinResultPage } from '../../views/groups/join.js';
import { z } from 'zod';
import { mayReadArchive } from '../minutes/archive.js';
import { addMemberSchema, groupSchema } from './schemas.js';
import { GROUP_FIELDS_ACCESS } from '../reports/access.js';
import { groupFieldsSection } from '../reports/sections.js';

const SLUG = ':slug{[a-z0-9-]{1,80}}';

function day(c: Context<AppEnv>) {
  return today(c.var.now());
}

/** loadGroup: the group of the :slug parameter as the viewer may see it; undefined → 404. */
function loadGroup(c: Context<AppEnv>): Promise<VisibleGroup | undefined> {
  return findGroupForViewer(c.var.db, c.var.user, c.req.param('slug') ?? '', day(c));
}

/**
 * withAccess loads the group and checks the needed access: unknown or invisible → 404 (an internal group's
 * existence is not revealed), visitors → sign in, visible but not enough → 403.
 */
async function withAccess(c: Context<AppEnv>, needed: GroupAccess, then: (vg: VisibleGroup) => Response | Promise<Response>): Promise<Response> {
  const vg = await loadGroup(c);
  if (!vg) return c.var.user ? renderError(c, 404) : requireLogin(c);
  if (!atLeast(vg.access, needed)) return c.var.user ? renderError(c, 403) : requireLogin(c);
  return then(vg);
}

function requireLogin(c: Context<AppEnv>): Promise<Response> {
  return requireUser(c, async () => undefined) as Promise<Response>;
}

function groupValues(input: { name: string; slug?: string; kind: GroupInput['kind']; description: string; colour: string; dates_public?: 'on' }): GroupInput {
  // A slug made from the name must not be a reserved path ("new" is the create form).
  const derived = slugify(input.name) || 'arbeitskreis';
  return { ...input, slug: input.slug ?? (derived === 'new' ? 'arbeitskreis-new' : derived), dates_public: input.dates_public === 'on' };
}

/** How many upcoming meetings the group page lists at a time: a year of monthly meetings and some. */
const MEETINGS_PER_PAGE = 20;

function renderGroupForm(c: Context<AppEnv>, mode: { slug?: string; name?: string }, values: Record<string, string>, errors?: FieldErrors) {
  const t = c.var.t;
  const editing = mode.slug !== undefined;
  const title = editing ? t('groups.editTitle') : t('groups.new');
  return c.render(
    <GroupFormPage
      t={t}
      values={values}
      errors={errors}
      title={title}
      action={editing ? `/groups/${mode.slug}` : '/groups'}
      submit={editing ? 'form.save' : 'groups.new'}
      cancel={editing ? `/groups/${mode.slug}` : '/groups'}
    />,
    // The group's name tells one group's form from another's in the browser's tabs and history.
    { title: mode.name ? `${title}: ${mode.name}` : title },
  );
}

async function membersView(c: Context<AppEnv>, vg: VisibleGroup, extra: { add?: MembersView['add']; notice?: MessageKey; q?: string } = {}): Promise<MembersView> {
  const q = (extra.q ?? c.req.query('q') ?? '').slice(0, 200);
  const canManage = atLeast(vg.access, 'manager');
  const [current, former, organisations, invitations] = await Promise.all([
    listMembers(c.var.db, c.var.user, vg.access, vg.group.id, { day: day(c), q }),
    listMembers(c.var.db, c.var.user, vg.access, vg.group.id, { day: day(c), former: true, limit: 200 }),
    canManage ? organisationNames(c.var.db, { internal: vg.access === 'staff' }) : Promise.resolve([]),
    listOpenInvitations(c.var.db, vg.access, vg.group.id, c.var.now()),
  ]);
  return {
    t: c.var.t,
    group: vg.group,
    current,
    former,
    q,
    canManage,
    staff: vg.access === 'staff',
    invitations,
    formatInstant: (at) => c.var.fmt.date(at),
    formatDay: (d) => formatDay(d, c.var.locale),
    today: day(c),
    add: extra.add ?? { values: {} },
    organisations,
    notice: extra.notice,
  };
}

/** answerMembers: the panel for htmx, the whole page otherwise (with the status already set). */
async function answerMembers(c: Context<AppEnv>, vg: VisibleGroup, extra: Parameters<typeof membersView>[2] = {}) {
  const view = await membersView(c, vg, extra);
  if (isFragmentRequest(c)) return c.html(<MembersPanel {...view} />);
  return c.render(<MembersPage {...view} />, { title: c.var.t('members.title', { group: vg.group.name }) });
}

/**
 * importRowsView: the preview rows. Only the staff learn whether a person already exists in the hub;
 * managers see "will be invited" for every row (the preview must not probe the hub's address book).
 */
function importRowsView(c: Context<AppEnv>, vg: VisibleGroup, rows: ImportRow[]): ImportRowView[] {
  const t = c.var.t;
  const staff = vg.access === 'staff';
  const results: Record<ImportRow['status'], MessageKey> = {
    new: staff ? 'import.newPerson' : 'import.willInvite',
    existing: staff ? 'import.existingPerson' : 'import.willInvite',
    member: 'import.alreadyMember',
    error: 'import.row.name',
  };
  return rows.map((r) => ({
    line: r.line,
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    role: r.role ? t(`membershipRole.${r.role}`) : r.roleText,
    result: r.problem ? t(r.problem.key, r.problem.params) : t(results[r.status]),
    error: r.status === 'error',
  }));
}

/** previewImport parses and plans an uploaded or confirmed CSV text and renders the preview. */
async function previewImport(c: Context<AppEnv>, vg: VisibleGroup, text: string | Problem) {
  const t = c.var.t;
  const render = (props: Partial<Parameters<typeof ImportPage>[0]>) =>
    c.render(<ImportPage t={t} group={vg.group} {...props} />, { title: t('import.title', { group: vg.group.name }) });
  const parsed = typeof text === 'string' ? parseMemberCsv(text) : ({ ok: false, problem: text } as const);
  if (!parsed.ok) {
    c.status(422);
    return { rows: null, response: await render({ error: t(parsed.problem.key, parsed.problem.params) }) };
  }
  const staff = vg.access === 'staff';
  const rows = staff ? await planImport(c.var.db, vg.group.id, parsed.rows, day(c)) : planInvitations(parsed.rows);
  const errors = rows.filter((r) => r.status === 'error').length;
  const adding = rows.filter((r) => r.status === 'new' || r.status === 'existing').length;
  if (errors) c.status(422);
  const summary = errors ? t('import.hasErrors', { count: errors }) : staff ? t('import.ready', { count: adding, skipped: rows.length - adding }) : t('import.readyInvite', { count: adding });
  return { rows, errors, response: await render({ rows: importRowsView(c, vg, rows), summary, csv: typeof text === 'string' ? text : undefined, canConfirm: errors === 0 && adding > 0 }) };
}

export const groupRoutes = new Hono<AppEnv>()
  .get('/groups', async (c) => {
    const page = pageParam(c.req.query('page'));
    const { rows, hasNext } = await listGroupsForViewer(c.var.db, c.var.user, day(c), { page, pageSize: PAGE_SIZE });
    const items = rows.map((r) => ({ ...r, roleLabel: r.role ? c.var.t(`membershipRole.${r.role}`) : null }));
    return c.render(<GroupsListPage t={c.var.t} items={items} canCreate={can(c.var.user, 'groups.manage')} page={page} hasNext={hasNext} />, { title: c.var.t('groups.title') });
  })
  .get('/groups/new', requirePermission('groups.manage'), (c) => renderGroupForm(c, {}, { kind: 'external', colour: '#0b5394' }))
  .post(
    '/groups',
    requirePermission('groups.manage'),
    validForm(groupSchema, (c, values, errors) => renderGroupForm(c, {}, values, errors)),
    async (c) => {
      const input = groupValues(c.req.valid('form'));
      try {
        const slug = await createGroup(c.var.db, c.var.user!, input, c.var.now());
        return redirectWithFlash(c, `/groups/${slug}`, 'success', 'groups.created');
      } catch (err) {
        if (!(err instanceof DuplicateSlugError)) throw err;
        c.status(422);
        return renderGroupForm(c, {}, formValues({ ...c.req.valid('form'), slug: input.slug }), { slug: 'groups.duplicateSlug' });
      }
    },
  )
  .get(`/groups/${SLUG}`, (c) =>
    withAccess(c, 'public', async (vg) => {
      const t = c.var.t;
      const organisers = await listOrganisers(c.var.db, vg.access, vg.group.id, day(c));
      const memberCount = await countMembers(c.var.db, vg.access, vg.group.id, day(c));
      // All upcoming meetings, a page at a time (a series can plan a year ahead); one more tells if there is a next page.
      const page = pageParam(c.req.query('page'));
      const [upcoming, pastMeetings] = await Promise.all([
        listGroupMeetings(c.var.db, vg.group.id, 'next', c.var.now(), MEETINGS_PER_PAGE + 1, (page - 1) * MEETINGS_PER_PAGE),
        atLeast(vg.access, 'viewer') ? listGroupMeetings(c.var.db, vg.group.id, 'past', c.var.now()) : Promise.resolve(null),
      ]);
      return c.render(
        <GroupPage
          t={t}
          fmt={c.var.fmt}
          nextMeetings={upcoming.slice(0, MEETINGS_PER_PAGE)}
          nextPage={{ page, hasNext: upcoming.length > MEETINGS_PER_PAGE }}
          pastMeetings={pastMeetings}
          group={vg.group}
          access={vg.access}
          roleLabel={vg.role ? t(`membershipRole.${vg.role}`) : null}
          organisers={organisers.map((o) => ({ ...o, roleLabel: t(`membershipRole.${o.role}`) }))}
          memberCount={memberCount}
          minutesArchive={mayReadArchive(vg.access)}
          fieldsSection={await groupFieldsSection(c, vg.group.id, vg.group.slug, atLeast(vg.access, GROUP_FIELDS_ACCESS))}
        />,
        { title: vg.group.name },
      );
    }),
  )
  .get(`/groups/${SLUG}/edit`, (c) =>
    withAccess(c, 'staff', (vg) =>
      renderGroupForm(c, { slug: vg.group.slug, name: vg.group.name }, formValues({ ...vg.group, dates_public: vg.group.dates_public ? 'on' : '' })),
    ),
  )
  .post(
    `/groups/${SLUG}`,
    requirePermission('groups.manage'),
    validForm(groupSchema, (c, values, errors) => renderGroupForm(c, { slug: c.req.param('slug') }, values, errors)),
    (c) =>
      withAccess(c, 'staff', async (vg) => {
        const input = groupValues(c.req.valid('form'));
        try {
          await updateGroup(c.var.db, c.var.user!, vg.group.id, input, c.var.now());
        } catch (err) {
          if (!(err instanceof DuplicateSlugError)) throw err;
          c.status(422);
          return renderGroupForm(c, { slug: vg.group.slug, name: vg.group.name }, formValues({ ...c.req.valid('form'), slug: input.slug }), { slug: 'groups.duplicateSlug' });
        }
        return redirectWithFlash(c, `/groups/${input.slug}`, 'success', 'groups.saved');
      }),
  )
  .post(`/groups/${SLUG}/archive`, requirePermission('groups.manage'), (c) =>
    withAccess(c, 'staff', async (vg) => {
      await setGroupArchived(c.var.db, c.var.user!, vg.group.id, true, c.var.now());
      return redirectWithFlash(c, `/groups/${vg.group.slug}`, 'success', 'groups.archivedDone');
    }),
  )
  .post(`/groups/${SLUG}/restore`, requirePermission('groups.manage'), (c) =>
    withAccess(c, 'staff', async (vg) => {
      await setGroupArchived(c.var.db, c.var.user!, vg.group.id, false, c.var.now());
      return redirectWithFlash(c, `/groups/${vg.group.slug}`, 'success', 'groups.restored');
    }),
  )
  .get(`/groups/${SLUG}/members`, (c) =>
    withAccess(c, 'member', async (vg) => {
      if (!isFragmentRequest(c)) return answerMembers(c, vg);
      // The live filter asks for the list alone.
      const view = await membersView(c, vg);
      return c.html(<MemberList {...view} />);
    }),
  )
  .get(`/groups/${SLUG}/members.csv`, (c) =>
    withAccess(c, 'member', async (vg) => {
      const t = c.var.t;
      const members = await listMembers(c.var.db, c.var.user, vg.access, vg.group.id, { day: day(c), limit: 100_000 });
      const csv = excelCsv(
        [t('members.name'), t('people.email'), t('people.phone'), t('people.function'), t('members.organisation'), t('members.role'), t('members.since')],
        members.map((m) => [m.name, m.email, m.phone, m.job_function, m.organisation_name, t(`membershipRole.${m.role}`), formatDay(m.starts_on, c.var.locale)]),
      );
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="mitglieder-${vg.group.slug}-${day(c)}.csv"`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(csv);
    }),
  )
  .post(
    `/groups/${SLUG}/members`,
    validForm(addMemberSchema, (c, values, errors) =>
      withAccess(c, 'manager', (vg) => answerMembers(c, vg, { add: { values, errors }, q: values.q })),
    ),
    (c) =>
      withAccess(c, 'manager', async (vg) => {
        const input = c.req.valid('form');
        const values = formValues(input);
        const refuse = (errors: FieldErrors, candidates?: MembersView['add']['candidates']) => {
          c.status(422);
          return answerMembers(c, vg, { add: { values, errors, candidates }, q: input.q });
        };
        let personId = input.person_id;
        if (personId !== undefined && !(await mayPickPerson(c.var.db, c.var.user!, personId, day(c)))) return refuse({ person: 'members.notFound' });
        if (personId === undefined && vg.access !== 'staff') {
          // A manager invites: the same answer, status and mail whether the hub knows the address or not.
          if (!z.email().safeParse(input.person).success) return refuse({ person: 'members.emailOnly' });
          if (!input.new_name) return refuse({ new_name: 'members.inviteNeedsName' });
          const ctx = { now: c.var.now(), baseUrl: c.var.config.baseUrl, districtName: c.var.site.districtName };
          await invite(c.var.db, c.var.user!, vg.group, { email: input.person, name: input.new_name, role: input.role, organisation: input.organisation, starts_on: input.starts_on, ends_on: input.ends_on }, ctx);
          if (isFragmentRequest(c)) return answerMembers(c, vg, { notice: 'members.invited', q: input.q });
          return redirectWithFlash(c, `/groups/${vg.group.slug}/members`, 'success', 'members.invited');
        }
        if (personId === undefined) {
          const match = await resolvePerson(c.var.db, c.var.user!, input.person);
          if (match.kind === 'many') return refuse({ person: 'members.choose' }, match.candidates);
          if (match.kind === 'one') personId = match.personId;
          else if (!input.person.includes('@')) return refuse({ person: 'members.notFound' });
          else if (!input.new_name) return refuse({ new_name: 'members.needName' });
          else {
            try {
              const ctx = { now: c.var.now(), baseUrl: c.var.config.baseUrl, districtName: c.var.site.districtName };
              personId = await createPerson(c.var.db, c.var.user!, { name: input.new_name, email: input.person, organisation: input.organisation }, ctx);
            } catch (err) {
              if (err instanceof DuplicateEmailError) return refuse({ person: 'people.duplicateEmail' });
              throw err;
            }
          }
        }
        try {
          await addMembership(c.var.db, c.var.user!, vg.group.id, { personId, role: input.role, organisation: input.organisation, starts_on: input.starts_on, ends_on: input.ends_on }, c.var.now());
        } catch (err) {
          if (err instanceof OverlappingMembershipError) return refuse({ person: 'members.overlap' });
          if (err instanceof PersonAnonymisedError) return refuse({ person: 'members.anonymised' });
          throw err;
        }
        if (isFragmentRequest(c)) return answerMembers(c, vg, { notice: 'members.added', q: input.q });
        return redirectWithFlash(c, `/groups/${vg.group.slug}/members`, 'success', 'members.added');
      }),
  )
  .post(`/groups/${SLUG}/members/:membership{[1-9][0-9]{0,8}}/end`, (c) =>
    withAccess(c, 'manager', async (vg) => {
      const form = await readForm(c);
      const q = String(form.q ?? '').slice(0, 200);
      // The day the membership ends: the one chosen in the row (someone left last month), else today.
      const chosen = typeof form.ends_on === 'string' ? form.ends_on.trim() : '';
      if (chosen && !isDay(chosen)) {
        c.status(422);
        return answerMembers(c, vg, { add: { values: {}, errors: { _form: 'members.endDateInvalid' } }, q });
      }
      let ended: boolean;
      try {
        ended = await endMembership(c.var.db, c.var.user!, vg.group.id, Number(c.req.param('membership')), chosen || day(c), c.var.now());
      } catch (err) {
        if (!(err instanceof InvalidEndError)) throw err;
        c.status(422);
        return answerMembers(c, vg, { add: { values: {}, errors: { _form: 'members.untilBeforeFrom' } }, q });
      }
      if (!ended) return renderError(c, 404);
      if (isFragmentRequest(c)) return answerMembers(c, vg, { notice: 'members.ended', q });
      return redirectWithFlash(c, `/groups/${vg.group.slug}/members`, 'success', 'members.ended');
    }),
  )
  .post(`/groups/${SLUG}/members/:membership{[1-9][0-9]{0,8}}/representation`, (c) =>
    withAccess(c, 'staff', async (vg) => {
      const form = await readForm(c);
      const q = String(form.q ?? '').slice(0, 200);
      const confirm = form.confirm === '1';
      if (form.confirm !== '1' && form.confirm !== '0') return renderError(c, 400);
      let found: boolean;
      try {
        found = await setRepresentation(c.var.db, c.var.user!, vg.group.id, Number(c.req.param('membership')), confirm, c.var.now());
      } catch (err) {
        if (!(err instanceof NotRepresentableError)) throw err;
        c.status(422);
        return answerMembers(c, vg, { add: { values: {}, errors: { _form: 'members.notRepresentable' } }, q });
      }
      if (!found) return renderError(c, 404);
      const notice = confirm ? 'members.representationDone' : 'members.representationRevoked';
      if (isFragmentRequest(c)) return answerMembers(c, vg, { notice, q });
      return redirectWithFlash(c, `/groups/${vg.group.slug}/members`, 'success', notice);
    }),
  )
  .get(`/groups/${SLUG}/members/import`, (c) =>
    withAccess(c, 'manager', (vg) => c.render(<ImportPage t={c.var.t} group={vg.group} />, { title: c.var.t('import.title', { group: vg.group.name }) })),
  )
  .post(`/groups/${SLUG}/members/import`, (c) =>
    withAccess(c, 'manager', async (vg) => {
      const body = await readForm(c);
      const file = body.file;
      const decoded = file instanceof File && file.size > 0 ? decodeCsv(new Uint8Array(await file.arrayBuffer())) : ({ ok: false, problem: { key: 'import.noFile' } } as const);
      return (await previewImport(c, vg, decoded.ok ? decoded.text : decoded.problem)).response;
    }),
  )
  .post(`/groups/${SLUG}/members/import/confirm`, (c) =>
    withAccess(c, 'manager', async (vg) => {
      const body = await readForm(c);
      const text = typeof body.csv === 'string' ? body.csv : '';
      const preview = await previewImport(c, vg, text);
      if (!preview.rows || preview.errors) return preview.response;
      if (vg.access !== 'staff') {
        const ctx = { now: c.var.now(), baseUrl: c.var.config.baseUrl, districtName: c.var.site.districtName };
        await commitInvitations(c.var.db, c.var.user!, vg.group, preview.rows, day(c), ctx);
        return redirectWithFlash(c, `/groups/${vg.group.slug}/members`, 'success', 'import.invited');
      }
      try {
        await commitImport(c.var.db, c.var.user!, vg.group.id, preview.rows, day(c), c.var.now());
      } catch (err) {
        if (!(err instanceof OverlappingMembershipError)) throw err;
        setFlash(c, 'error', 'members.overlap');
        return c.redirect(`/groups/${vg.group.slug}/members/import`, 303);
      }
      return redirectWithFlash(c, `/groups/${vg.group.slug}/members`, 'success', 'import.done');
    }),
  )
  // The link in a group invitation: GET only shows it (mail scanners open links), POST answers it.
  .get('/join/:token', async (c) => {
    const invitation = await checkInvitation(c.var.db, c.req.param('token'), c.var.now());
    if (!invitation) return invalidJoinLink(c);
    const t = c.var.t;
    return c.render(
      <JoinPage t={t} action={c.req.path} lead={t('join.lead', { group: invitation.groupName, role: t(`membershipRole.${invitation.role}`) })} />,
      { title: t('join.title') },
    );
  })
  .post('/join/:token', async (c) => {
    const form = await readForm(c);
    const token = c.req.param('token');
    const invitation = await checkInvitation(c.var.db, token, c.var.now());
    if (!invitation) return invalidJoinLink(c);
    // The page's two buttons send one of these; anything else is no answer.
    if (form.answer !== 'accept' && form.answer !== 'decline') return renderError(c, 400);
    const answer = await answerInvitation(c.var.db, token, form.answer === 'accept', c.var.now());
    if (answer === 'invalid') return invalidJoinLink(c);
    const t = c.var.t;
    const message = t(answer === 'accepted' ? 'join.accepted' : answer === 'already' ? 'join.already' : 'join.declined', { group: invitation.groupName });
    return c.render(<JoinResultPage t={t} message={message} />, { title: t('join.title') });
  });

function invalidJoinLink(c: Context<AppEnv>) {
  c.status(410);
  return c.render(<JoinInvalidPage t={c.var.t} />, { title: c.var.t('join.title') });
}

import { Hono, type Context } from 'hono';
import { ActionsPage } from '../../views/minutes/actions.js';
import { ComparePage } from '../../views/minutes/compare.js';
import { AutosaveStatus, MinutesEditorPage, minutesValues, SessionExpiredPage } from '../../views/minutes/minutes.js';
import { MinutesReadPage, type ReadProps } from '../../views/minutes/read.js';
import { MinutesSearchPage } from '../../views/minutes/search.js';
import { addComment, COMMENT_MAX, listComments, parseResolution, resolveComments } from './comments.js';
import { compareMinutes } from './compare.js';
import { searchMinutes } from './search.js';
import { requireUser } from '../auth/middleware.js';
import { isStaff } from '../auth/permissions.js';
import { atLeast } from '../groups/access.js';
import { currentOn, findGroupForViewer, listAllVisibleGroups, type VisibleGroup } from '../groups/groups.js';
import { PAGE_SIZE, pageParam } from '../http/pagination.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import type { FieldErrors } from '../http/forms.js';
import { addDays, formatters, today, instantToBerlin } from '../lib/berlin-time.js';
import { translator, type MessageKey } from '../i18n/index.js';
import { isDay } from '../lib/days.js';
import { enqueueMail } from '../mail/outbox.js';
import { listAttendance, listGuests, nameInMinutes, retainedAttendance } from '../meetings/attendance.js';
import { withGroup, withMeeting } from '../meetings/load.js';
import { MinutesArchivePage } from '../../views/minutes/archive.js';
import { archiveYears, listArchive, READ_MINUTES } from './archive.js';
import { listAgenda, type MeetingWithGroup } from '../meetings/meetings.js';
import { findActionItem, listActionItems, markActionDone, type ActionRow } from './actions.js';
import { minutesMarkdown } from './export.js';
import { parseMinutesForm, type RawForm } from './form.js';
import { listVersions, loadMinutes, loadVersion, saveMinutes, setMinutesStatus, type Minutes, type VersionEntry } from './minutes.js';
import { readForm } from '../http/forms.js';
import { pdfAttachment } from '../pdf/document.js';
import { loadMinutesDocument, minutesPdf } from '../pdf/minutes.js';

/** What the editor and the read view need of a meeting: agenda, attendance, the group's people. */
async function minutesContext(c: Context<AppEnv>, m: MeetingWithGroup) {
  const day = instantToBerlin(m.starts_at).day;
  const [items, attendance, content, laterMeetings, retained, guests] = await Promise.all([
    listAgenda(c.var.db, m.id),
    listAttendance(c.var.db, m.id, m.group_id, day),
    loadMinutes(c.var.db, m.id),
    // The meetings the minutes can be approved in: later ones of the group that have begun, nearest first.
    c.var.db.selectFrom('meetings').selectAll().where('group_id', '=', m.group_id).where('starts_at', '>', m.starts_at).where('starts_at', '<=', c.var.now().toISOString()).where('status', '!=', 'cancelled').orderBy('starts_at').limit(10).execute(),
    retainedAttendance(c.var.db, m, c.var.now(), c.var.config.retentionMonths),
    listGuests(c.var.db, m.id),
  ]);
  const recorded = attendance.filter((a) => a.recorded);
  return {
    items,
    content,
    laterMeetings,
    // Past the retention period the header shows the kept numbers instead of (no longer recorded) names.
    retained,
    present: recorded.filter((a) => a.status === 'present').map((a) => nameInMinutes(c.var.t, a)),
    excused: recorded.filter((a) => a.status === 'excused').map((a) => nameInMinutes(c.var.t, a)),
    absent: recorded.filter((a) => a.status === 'absent').map((a) => nameInMinutes(c.var.t, a)),
    guests: guests.map((g) => (g.organisation ? `${g.name} (${g.organisation})` : g.name)),
    people: attendance.map((a) => ({ id: a.person_id, name: a.name })),
  };
}

async function renderEditor(
  c: Context<AppEnv>,
  m: MeetingWithGroup,
  opts: { values?: Record<string, string>; errors?: FieldErrors; conflictYours?: Map<number, string>; correction?: boolean; circulateError?: MessageKey; commentsDue?: string } = {},
) {
  const ctx = await minutesContext(c, m);
  const { content } = ctx;
  const stored = minutesValues(ctx.items, content.notes, content.decisions, content.actions, content.minutes?.minute_taker ?? null);
  const comments = content.minutes ? await listComments(c.var.db, content.minutes.id) : [];
  return c.render(
    <MinutesEditorPage
      t={c.var.t}
      fmt={c.var.fmt}
      meeting={m}
      present={ctx.present}
      excused={ctx.excused}
      absent={ctx.absent}
      guests={ctx.guests}
      retained={ctx.retained}
      items={ctx.items}
      minutes={content.minutes}
      values={opts.values ?? stored}
      errors={opts.errors}
      people={ctx.people}
      // After a conflict the form moves to the stored version; after invalid input it keeps the one it was based on.
      version={opts.errors && /^[0-9]{1,9}$/.test(opts.values?.version ?? '') ? Number(opts.values!.version) : (content.minutes?.version ?? 0)}
      laterMeetings={ctx.laterMeetings}
      conflict={opts.conflictYours ? { yours: opts.conflictYours, theirs: content.notes } : undefined}
      correction={opts.correction}
      comments={comments}
      commentsDue={opts.commentsDue ?? addDays(today(c.var.now()), COMMENT_DAYS)}
      circulateError={opts.circulateError}
    />,
    { title: `${c.var.t(opts.correction ? 'minutes.correctionTitle' : 'minutes.title')}: ${m.title}` },
  );
}

async function renderRead(c: Context<AppEnv>, m: MeetingWithGroup, vg: VisibleGroup, opts: { versionId?: number; commentError?: ReadProps['commentError']; resolveError?: ReadProps['resolveError'] } = {}) {
  const { versionId } = opts;
  const ctx = await minutesContext(c, m);
  if (!ctx.content.minutes) return renderError(c, 404, 'minutes.none');
  const [versions, comments] = await Promise.all([listVersions(c.var.db, ctx.content.minutes.id), listComments(c.var.db, ctx.content.minutes.id)]);
  let content = ctx.content as typeof ctx.content & { minutes: Minutes };
  let viewing: VersionEntry | undefined;
  if (versionId !== undefined) {
    // An earlier kept version is shown exactly as it was circulated or approved.
    const kept = await loadVersion(c.var.db, content.minutes.id, versionId);
    if (!kept) return renderError(c, 404);
    viewing = kept;
    content = { ...kept.content, minutes: { ...content.minutes, status: kept.status, minute_taker: kept.content.minute_taker } };
  }
  const names = new Map(ctx.people.map((p) => [p.id, p.name]));
  const approvedIn = content.minutes.approved_in_meeting_id
    ? await c.var.db.selectFrom('meetings').select(['title', 'starts_at']).where('id', '=', content.minutes.approved_in_meeting_id).executeTakeFirst()
    : undefined;
  return c.render(
    <MinutesReadPage
      t={c.var.t}
      fmt={c.var.fmt}
      meeting={m}
      present={ctx.present}
      excused={ctx.excused}
      absent={ctx.absent}
      guests={ctx.guests}
      retained={ctx.retained}
      items={ctx.items}
      minutes={content.minutes}
      notes={content.notes}
      decisions={content.decisions}
      actions={content.actions.map((a) => ({ ...a, responsible_name: a.responsible_person_id ? (names.get(a.responsible_person_id) ?? null) : null }))}
      canApprove={atLeast(vg.access, 'manager')}
      versions={versions}
      viewing={viewing}
      comments={comments}
      canComment={ctx.content.minutes.status === 'circulated' && atLeast(vg.access, 'member')}
      commentError={opts.commentError}
      resolveError={opts.resolveError}
      laterMeetings={ctx.laterMeetings}
      approvedIn={approvedIn ? `${approvedIn.title}, ${c.var.fmt.date(approvedIn.starts_at)}` : null}
    />,
    { title: viewing ? `${c.var.t('minutes.title')}, ${c.var.t('minutes.version')} ${viewing.version}: ${m.title}` : `${c.var.t('minutes.title')}: ${m.title}` },
  );
}

// Mails go out in German (the recipient's UI language is not known).
/** readTextFields: the posted form's text fields (a file field has no place in the minutes). */
async function readTextFields(c: Context<AppEnv>): Promise<RawForm> {
  return Object.fromEntries(Object.entries(await readForm(c)).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The session ended while someone was writing: keep every word on a page that sends it again. */
function keepTextOfExpiredSession(c: Context<AppEnv>, raw: RawForm) {
  c.status(401);
  const path = new URL(c.req.url).pathname;
  return c.render(<SessionExpiredPage t={c.var.t} action={path} fields={raw} next={path} />, { title: c.var.t('minutes.expiredTitle') });
}

/** How long members have to comment on circulated minutes, unless the organiser names another day. */
const COMMENT_DAYS = 14;

const mailT = translator('de');
const mailFmt = formatters('de');

export const minutesRoutes = new Hono<AppEnv>()
  .get('/meetings/:id{[1-9][0-9]{0,8}}/minutes', (c) =>
    withMeeting(c, 'member', async (m, vg) => {
      const content = await loadMinutes(c.var.db, m.id);
      // Those who manage the meeting write the draft; members read circulated and approved minutes.
      if (atLeast(vg.access, 'manager') && (!content.minutes || content.minutes.status === 'draft')) return renderEditor(c, m);
      if (!content.minutes || content.minutes.status === 'draft') return renderError(c, 404, 'minutes.none');
      return renderRead(c, m, vg);
    }),
  )
  .get('/meetings/:id{[1-9][0-9]{0,8}}/minutes/versions/:version{[1-9][0-9]{0,8}}', (c) =>
    withMeeting(c, 'member', async (m, vg) => {
      const minutes = await c.var.db.selectFrom('minutes').select('status').where('meeting_id', '=', m.id).executeTakeFirst();
      // Kept versions are readable by those who can read the minutes: members once they have gone out.
      if (!minutes || (minutes.status === 'draft' && !atLeast(vg.access, 'manager'))) return renderError(c, 404, 'minutes.none');
      return renderRead(c, m, vg, { versionId: Number(c.req.param('version')) });
    }),
  )
  .get('/meetings/:id{[1-9][0-9]{0,8}}/minutes/versions/:version{[1-9][0-9]{0,8}}/compare', (c) =>
    withMeeting(c, 'member', async (m, vg) => {
      const ctx = await minutesContext(c, m);
      const minutes = ctx.content.minutes;
      if (!minutes || (minutes.status === 'draft' && !atLeast(vg.access, 'manager'))) return renderError(c, 404, 'minutes.none');
      const kept = await loadVersion(c.var.db, minutes.id, Number(c.req.param('version')));
      if (!kept) return renderError(c, 404);
      const items = compareMinutes(ctx.items, kept.content, ctx.content, (day) => c.var.fmt.date(`${day}T12:00:00Z`));
      return c.render(<ComparePage t={c.var.t} fmt={c.var.fmt} meeting={m} version={kept} items={items} />, { title: `${c.var.t('minutes.compareTitle')}: ${m.title}` });
    }),
  )
  .get('/meetings/:id{[1-9][0-9]{0,8}}/minutes.md', (c) =>
    withMeeting(c, 'member', async (m, vg) => {
      const ctx = await minutesContext(c, m);
      const status = ctx.content.minutes?.status;
      if (!status || (status === 'draft' && !atLeast(vg.access, 'manager'))) return renderError(c, 404, 'minutes.none');
      const text = minutesMarkdown(c.var.t, c.var.fmt, m, ctx.items, ctx.content, new Map(ctx.people.map((p) => [p.id, p.name])), ctx);
      c.header('Content-Type', 'text/markdown; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="protokoll-${instantToBerlin(m.starts_at).day}.md"`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(text);
    }),
  )
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes', async (c) => {
    const raw = await readTextFields(c);
    if (!c.var.user) return keepTextOfExpiredSession(c, raw);
    return withMeeting(c, 'manager', async (m) => {
      const ctx = await minutesContext(c, m);
      const parsed = parseMinutesForm(raw, ctx.items.map((i) => i.id), new Set(ctx.people.map((p) => p.id)));
      if ('errors' in parsed) {
        c.status(422);
        return renderEditor(c, m, { values: raw, errors: parsed.errors });
      }
      const result = await saveMinutes(c.var.db, c.var.user!, m, parsed.input, parsed.version, c.var.now());
      if (result === 'readonly') return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'error', 'minutes.readonly');
      if (result === 'conflict') {
        // Nothing is lost: the page shows both texts and keeps the writer's in the form.
        c.status(409);
        return renderEditor(c, m, { values: raw, conflictYours: parsed.input.notes });
      }
      return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'success', 'minutes.saved');
    });
  })
  .get('/meetings/:id{[1-9][0-9]{0,8}}/minutes/correction', (c) =>
    withMeeting(c, 'manager', async (m) => {
      const minutes = await c.var.db.selectFrom('minutes').select('status').where('meeting_id', '=', m.id).executeTakeFirst();
      if (minutes?.status !== 'approved') return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'error', 'minutes.notApproved');
      return renderEditor(c, m, { correction: true });
    }),
  )
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes/correction', async (c) => {
    const raw = await readTextFields(c);
    if (!c.var.user) return keepTextOfExpiredSession(c, raw);
    return withMeeting(c, 'manager', async (m) => {
      const ctx = await minutesContext(c, m);
      const parsed = parseMinutesForm(raw, ctx.items.map((i) => i.id), new Set(ctx.people.map((p) => p.id)));
      const reason = (raw.reason ?? '').trim();
      // A correction of approved minutes must say why (accountability); the reason is kept with the version.
      const reasonError = !reason ? 'field.required' : reason.length > 2000 ? 'field.tooLong' : undefined;
      if ('errors' in parsed || reasonError) {
        c.status(422);
        const errors = { ...('errors' in parsed ? parsed.errors : {}), ...(reasonError ? { reason: reasonError } : {}) } as FieldErrors;
        return renderEditor(c, m, { values: raw, errors, correction: true });
      }
      const result = await saveMinutes(c.var.db, c.var.user!, m, parsed.input, parsed.version, c.var.now(), reason);
      if (result === 'readonly') return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'error', 'minutes.notApproved');
      if (result === 'conflict') {
        c.status(409);
        return renderEditor(c, m, { values: raw, conflictYours: parsed.input.notes, correction: true });
      }
      return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'success', 'minutes.corrected');
    });
  })
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes/comments', (c) =>
    withMeeting(c, 'member', async (m, vg) => {
      const form = await readForm(c);
      const itemId = typeof form.agenda_item_id === 'string' && /^[1-9][0-9]{0,8}$/.test(form.agenda_item_id) ? Number(form.agenda_item_id) : undefined;
      if (itemId === undefined) return renderError(c, 400);
      // Checked before anything is shown again: a draft must never reach a member through an error page.
      const minutes = await c.var.db.selectFrom('minutes').select('status').where('meeting_id', '=', m.id).executeTakeFirst();
      if (minutes?.status !== 'circulated') return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'error', 'minutes.commentsClosed');
      const body = typeof form.body === 'string' ? form.body.trim() : '';
      const error = !body ? 'field.required' : body.length > COMMENT_MAX ? 'field.tooLong' : undefined;
      if (error) {
        c.status(422);
        return renderRead(c, m, vg, { commentError: { itemId, body, error } });
      }
      if (!(await addComment(c.var.db, c.var.user!, m.id, itemId, body, c.var.now()))) return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'error', 'minutes.commentsClosed');
      return redirectWithFlash(c, `/meetings/${m.id}/minutes#top-${itemId}`, 'success', 'minutes.commentSaved');
    }),
  )
  // Those who manage the meeting say of a comment on circulated minutes what became of it (while
  // revising, the editor's form carries the same fields).
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes/comments/:comment{[1-9][0-9]{0,8}}/resolve', (c) =>
    withMeeting(c, 'manager', async (m, vg) => {
      const form = await readForm(c);
      const commentId = Number(c.req.param('comment'));
      const minutes = await c.var.db.selectFrom('minutes').select(['id', 'status']).where('meeting_id', '=', m.id).executeTakeFirst();
      const comment = minutes && (await c.var.db.selectFrom('minute_comments').select('agenda_item_id').where('id', '=', commentId).where('minutes_id', '=', minutes.id).executeTakeFirst());
      if (!minutes || !comment) return renderError(c, 404);
      if (minutes.status !== 'circulated') return redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'error', 'minutes.readonly');
      const resolution = typeof form[`comment_${commentId}_resolution`] === 'string' ? String(form[`comment_${commentId}_resolution`]) : '';
      const note = typeof form[`comment_${commentId}_note`] === 'string' ? String(form[`comment_${commentId}_note`]) : '';
      const choice = parseResolution(resolution, note);
      if ('error' in choice) {
        c.status(422);
        return renderRead(c, m, vg, { resolveError: { commentId, resolution, note, error: choice.error } });
      }
      await c.var.db.transaction().execute((trx) => resolveComments(trx, c.var.user!, m.id, minutes.id, new Map([[commentId, choice]]), c.var.now()));
      return redirectWithFlash(c, `/meetings/${m.id}/minutes#comment-${commentId}`, 'success', 'minutes.resolutionSaved');
    }),
  )
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes/autosave', async (c) => {
    const t = c.var.t;
    // A background save answers with a line of status, never a page; a lapsed session just says so.
    if (!c.var.user) return c.html(<AutosaveStatus message={t('minutes.autosaveExpired')} />, 401);
    return withMeeting(c, 'manager', async (m) => {
      const raw = await readTextFields(c);
      const ctx = await minutesContext(c, m);
      const parsed = parseMinutesForm(raw, ctx.items.map((i) => i.id), new Set(ctx.people.map((p) => p.id)));
      if ('errors' in parsed) return c.html(<AutosaveStatus message={t('minutes.autosaveInvalid')} />, 422);
      const result = await saveMinutes(c.var.db, c.var.user!, m, parsed.input, parsed.version, c.var.now());
      if (result !== 'saved') return c.html(<AutosaveStatus message={t(result === 'conflict' ? 'minutes.autosaveConflict' : 'minutes.readonly')} />, 409);
      return c.html(<AutosaveStatus message={t('minutes.autosaved', { time: c.var.fmt.time(c.var.now()) })} version={parsed.version + 1} />);
    });
  })
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes/circulate', (c) =>
    withMeeting(c, 'manager', async (m) => {
      const now = c.var.now();
      const raw = (await readForm(c)).comments_due;
      const due = typeof raw === 'string' && raw !== '' ? raw : addDays(today(now), COMMENT_DAYS);
      // A day from tomorrow to three months ahead: members need time, and minutes should not wait longer.
      if (!isDay(due) || due <= today(now) || due > addDays(today(now), 92)) {
        c.status(422);
        return renderEditor(c, m, { circulateError: 'minutes.commentsDueInvalid', commentsDue: typeof raw === 'string' ? raw : '' });
      }
      const ok = await setMinutesStatus(c.var.db, c.var.user!, m.id, 'circulated', {
        now,
        commentsDue: due,
        // The members hear of it through the outbox, in the same transaction as the status change.
        onChange: async (trx) => {
          const members = await trx
            .selectFrom('memberships')
            .innerJoin('persons', 'persons.id', 'memberships.person_id')
            .select(['persons.name', 'persons.email'])
            .where('memberships.group_id', '=', m.group_id)
            .where(currentOn(today(now)))
            .where('persons.email', 'is not', null)
            .execute();
          const params = { title: m.title, date: mailFmt.date(m.starts_at), due: mailFmt.date(`${due}T12:00:00Z`), link: `${c.var.config.baseUrl}/meetings/${m.id}/minutes` };
          // The minutes as they go out, as a PDF (src/pdf/), read in this transaction: state "circulated".
          const document = await loadMinutesDocument(trx, m, now, c.var.config.retentionMonths);
          const attachments = document ? [pdfAttachment('Protokoll', m, await minutesPdf(document))] : undefined;
          for (const p of members) await enqueueMail(trx, { to: p.email!, subject: mailT('minutes.mail.subject', params), text: mailT('minutes.mail.body', { ...params, name: p.name }), attachments }, now);
        },
      });
      return ok ? redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'success', 'minutes.circulated') : renderError(c, 404, 'minutes.none');
    }),
  )
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes/revise', (c) =>
    withMeeting(c, 'manager', async (m) => {
      const ok = await setMinutesStatus(c.var.db, c.var.user!, m.id, 'draft', { now: c.var.now() });
      return ok ? redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'success', 'minutes.revising') : redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'error', 'minutes.notCirculated');
    }),
  )
  .post('/meetings/:id{[1-9][0-9]{0,8}}/minutes/approve', (c) =>
    withMeeting(c, 'manager', async (m) => {
      const body = await readForm(c);
      const chosen = typeof body.approved_in === 'string' && /^[1-9][0-9]{0,8}$/.test(body.approved_in) ? Number(body.approved_in) : undefined;
      if (chosen !== undefined) {
        // Minutes are approved in a meeting that has taken place (or is taking place), never in a future one.
        const later = await c.var.db.selectFrom('meetings').select('id').where('id', '=', chosen).where('group_id', '=', m.group_id).where('starts_at', '>', m.starts_at).where('starts_at', '<=', c.var.now().toISOString()).where('status', '!=', 'cancelled').executeTakeFirst();
        if (!later) return renderError(c, 400);
      }
      const ok = await setMinutesStatus(c.var.db, c.var.user!, m.id, 'approved', { approvedInMeetingId: chosen, now: c.var.now() });
      return ok ? redirectWithFlash(c, `/meetings/${m.id}/minutes`, 'success', 'minutes.approved') : renderError(c, 404, 'minutes.none');
    }),
  )
  .get('/groups/:slug{[a-z0-9-]{1,80}}/minutes', (c) =>
    // Who cannot read the group's minutes gets what reading one would give: 403, 404 or the login.
    withGroup(c, READ_MINUTES, async (vg) => {
      const years = await archiveYears(c.var.db, vg.group.id);
      const asked = Number(c.req.query('year'));
      const year = years.includes(asked) ? asked : (years[0] ?? null);
      const entries = year === null ? [] : await listArchive(c.var.db, vg.group.id, year);
      return c.render(<MinutesArchivePage t={c.var.t} fmt={c.var.fmt} group={vg.group} years={years} year={year} entries={entries} />, {
        title: year === null ? c.var.t('minutesArchive.title', { group: vg.group.name }) : `${c.var.t('minutesArchive.title', { group: vg.group.name })}, ${year}`,
      });
    }),
  )
  .use('/minutes/search', requireUser)
  .get('/minutes/search', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const hits = await searchMinutes(c.var.db, c.var.user!, today(c.var.now()), query);
    return c.render(<MinutesSearchPage t={c.var.t} fmt={c.var.fmt} query={query} hits={hits} />, { title: c.var.t('minutesSearch.title') });
  })
  .use('/actions', requireUser)
  .use('/actions/*', requireUser)
  .get('/actions', async (c) => {
    const user = c.var.user!;
    const day = today(c.var.now());
    // Every group the viewer sees (no page cut): the filter's choices and who may close which item.
    const visible = await listAllVisibleGroups(c.var.db, user, day);
    const groups = visible.filter((g) => atLeast(g.access, 'member')).map((g) => g.group);
    const managed = new Set(visible.filter((g) => atLeast(g.access, 'manager')).map((g) => g.group.slug));
    // A member first wants their own items ("Nur meine"); those who manage a group or the office want
    // all. The form says it was sent (filtered=1), so an unticked box stays unticked.
    const q = { ...c.req.query() };
    if (!q.filtered && q.mine === undefined) q.mine = managed.size === 0 && !isStaff(user) ? '1' : '';
    const status = q.status === 'done' ? 'done' : q.status === 'all' ? undefined : 'open';
    const page = pageParam(q.page);
    const { rows, hasNext } = await listActionItems(
      c.var.db,
      user,
      day,
      {
        status,
        groupSlug: q.group || undefined,
        mine: q.mine === '1',
        overdue: q.overdue === '1',
        responsible: q.responsible?.slice(0, 100) || undefined,
        // A date that is not one (typed by hand in an old browser) is ignored rather than refused.
        dueBy: q.due_by && isDay(q.due_by) ? q.due_by : undefined,
      },
      { page, pageSize: PAGE_SIZE },
    );
    const canComplete = (r: ActionRow) => r.responsible_person_id === user.personId || managed.has(r.group_slug) || isStaff(user);
    const href = (n: number) => {
      const params = new URLSearchParams({ ...q, filtered: '1', mine: q.mine ?? '' });
      params.delete('page');
      params.append('page', String(n));
      return `/actions?${params.toString()}`;
    };
    return c.render(<ActionsPage t={c.var.t} fmt={c.var.fmt} rows={rows} today={day} filters={q} groups={groups} canComplete={canComplete} page={page} hasNext={hasNext} href={href} />, { title: c.var.t('actions.title') });
  })
  .post('/actions/:item{[1-9][0-9]{0,8}}/done', async (c) => {
    const user = c.var.user!;
    const day = today(c.var.now());
    const item = await findActionItem(c.var.db, user, day, Number(c.req.param('item')));
    if (!item) return renderError(c, 404);
    const group = await findGroupForViewer(c.var.db, user, item.group_slug, day);
    const managed = group !== undefined && atLeast(group.access, 'manager');
    if (item.responsible_person_id !== user.personId && !managed) return renderError(c, 403);
    const note = String((await readForm(c)).note ?? '').slice(0, 1000);
    if (!(await markActionDone(c.var.db, user, item.id, note, c.var.now()))) return renderError(c, 404);
    return redirectWithFlash(c, '/actions', 'success', 'actions.markedDone');
  });

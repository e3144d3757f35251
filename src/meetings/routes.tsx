import { Hono, type Context } from 'hono';
import { AgendaPage } from '../../views/meetings/agenda.js';
import { AttendancePage, AttendancePrintPage } from '../../views/meetings/attendance.js';
import { MeetingFormPage } from '../../views/meetings/form.js';
import { MeetingPage } from '../../views/meetings/meeting.js';
import { Replies } from '../../views/meetings/replies.js';
import { RsvpDonePage, RsvpInvalidPage, RsvpPage } from '../../views/meetings/rsvp.js';
import { SeriesPage } from '../../views/meetings/series.js';
import { ErrorPage } from '../../views/errors.js';
import type { AttendanceStatus } from '../db/schema.js';
import { addGuest, listAttendance, listGuests, markAcceptedPresent, recordAttendance, removeGuest, retainedAttendance } from './attendance.js';
import { atLeast } from '../groups/access.js';
import type { VisibleGroup } from '../groups/groups.js';
import { withGroup, withMeeting, withMeetingId } from './load.js';
import { MEETING_FIELDS_ACCESS } from '../reports/access.js';
import { meetingFieldsSection } from '../reports/sections.js';
import { isFragmentRequest } from '../http/htmx.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { organizerOf } from '../http/site.js';
import { redirectWithFlash } from '../http/flash.js';
import { fieldErrors, formValues, validForm, type FieldErrors, readForm } from '../http/forms.js';
import {
  addAgendaItem,
  createMeeting,
  createSeries,
  deleteAgendaItem,
  findMeeting,
  listAgenda,
  moveAgendaItem,
  updateAgendaItem,
  updateMeeting,
  type MeetingWithGroup,
} from './meetings.js';
import { listOpenGroupActions } from '../minutes/actions.js';
import { hasReadableMinutes, mayReadArchive } from '../minutes/archive.js';
import { sendDocument } from '../http/download.js';
import { deleteDocument, documentContent, findDocumentInfo, groupFileUsage, listDocuments, megabytes, storeDocument } from './documents.js';
import { cancelWithNotice, checkReplyLink, findOwnReply, inviteMembers, listNoticeRecipients, listReplies, notifyInvited, recordReply } from './invitations.js';
import { remindUnanswered } from './reminders.js';
import { inviteSubstitute, listColleagues, type SubstituteChoice } from './substitutes.js';
import { alreadyStarted, hasStarted } from './started.js';
import { documentsSinceNotice, notifyNewDocuments } from './documents-notice.js';
import { agendaSchema, cancelSchema, guestSchema, meetingSchema, replySchema, seriesSchema, type SeriesForm } from './schemas.js';
import { isSkipped, MAX_SERIES, seriesDates, type SeriesRule } from './series.js';
import { seriesPreviewLine } from './series-preview.js';
import { breaksForSeries } from '../breaks/breaks.js';
import { formatDay } from '../lib/days.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { sendMeetingFile } from '../calendar/meeting-file.js';
import { berlinToInstant, instantToBerlin } from '../lib/berlin-time.js';

const ID = ':id{[1-9][0-9]{0,8}}';

function rsvpInvalid(c: Context<AppEnv>) {
  c.status(410);
  return c.render(<RsvpInvalidPage t={c.var.t} />, { title: c.var.t('replies.title') });
}
const ITEM = ':item{[1-9][0-9]{0,8}}';

function meetingFormValues(m: MeetingWithGroup): Record<string, string> {
  const start = instantToBerlin(m.starts_at);
  return { title: m.title, day: start.day, start_time: start.time, end_time: instantToBerlin(m.ends_at).time, location: m.location ?? '', room: m.room ?? '', online_url: m.online_url ?? '' };
}

/** renderForm: `subject` (the group or the meeting) makes the document title tell one such form from another. */
function renderForm(c: Context<AppEnv>, opts: { action: string; cancel: string; isNew: boolean; values: Record<string, string>; errors?: FieldErrors; subject: string }) {
  const title = c.var.t(opts.isNew ? 'meetings.new' : 'meetings.edit');
  return c.render(<MeetingFormPage t={c.var.t} title={title} {...opts} />, { title: `${title}: ${opts.subject}` });
}

/** substituteChoice: whom a declining member named: a colleague from the list, or a name and an address. */
function substituteChoice(reply: { substitute?: string; substitute_email?: string; substitute_colleague?: number }): SubstituteChoice | null {
  if (reply.substitute_colleague !== undefined) return { personId: reply.substitute_colleague };
  if (reply.substitute_email) return { name: reply.substitute!, email: reply.substitute_email };
  return null;
}

async function renderMeeting(
  c: Context<AppEnv>,
  meeting: MeetingWithGroup,
  vg: VisibleGroup,
  errors: { cancel?: FieldErrors; cancelValues?: Record<string, string>; reply?: FieldErrors; document?: string } = {},
) {
  // The public sees that a meeting takes place (the group publishes its dates), not its agenda or link.
  const canManage = atLeast(vg.access, 'manager');
  const user = c.var.user;
  const [agenda, replies, ownReply, documents, filesUsed, recipients] = await Promise.all([
    atLeast(vg.access, 'viewer') ? listAgenda(c.var.db, meeting.id) : null,
    canManage ? listReplies(c.var.db, meeting.id) : null,
    user ? findOwnReply(c.var.db, meeting, user.personId) : undefined,
    // Documents are for the group's members (and the staff), like its member list.
    atLeast(vg.access, 'member') ? listDocuments(c.var.db, meeting.id) : null,
    canManage ? groupFileUsage(c.var.db, meeting.group_id) : null,
    // Who a change or cancellation notice goes to (shown to those who manage, before they send it).
    meeting.invitation_sent_at ? listNoticeRecipients(c.var.db, vg.access, meeting) : [],
  ]);
  const mb = (bytes: number) => megabytes(bytes, c.var.locale);
  // Members read minutes once they have gone out; those who manage have the button to write them.
  const minutesLink = !canManage && mayReadArchive(vg.access) && (await hasReadableMinutes(c.var.db, meeting.id));
  return c.render(
    <MeetingPage
      t={c.var.t}
      fmt={c.var.fmt}
      meeting={meeting}
      agenda={agenda}
      canManage={canManage}
      cancelErrors={errors.cancel}
      cancelValues={errors.cancelValues}
      replies={replies}
      ownReply={ownReply && meeting.ends_at > c.var.now().toISOString() ? ownReply : null}
      colleagues={ownReply && user ? await listColleagues(c.var.db, meeting, user.personId) : []}
      replyErrors={errors.reply}
      liveReplies={c.req.query('live') === '1'}
      noticeRecipients={recipients}
      offerNotify={Boolean(meeting.invitation_sent_at) && meeting.sequence > meeting.notified_sequence && recipients.length > 0}
      // Right after the save that made the notice due, the box takes the focus: it is the next step.
      noticeFocus={c.var.flash?.message === 'meetings.savedNotify'}
      documents={documents}
      documentError={errors.document}
      documentQuota={filesUsed === null ? undefined : c.var.t('documents.quota', { used: mb(filesUsed), allowed: mb(quotaBytes(c)) })}
      started={hasStarted(c, meeting)}
      newDocuments={canManage && documents && meeting.status !== 'cancelled' && !hasStarted(c, meeting) ? documentsSinceNotice(meeting, documents) : []}
      minutesLink={minutesLink}
      fieldsSection={agenda ? await meetingFieldsSection(c, meeting.id, atLeast(vg.access, MEETING_FIELDS_ACCESS)) : undefined}
    />,
    // A group's meetings often share a title ("Sitzung"): the date tells them apart in tabs and history.
    { title: `${meeting.title}, ${c.var.fmt.date(meeting.starts_at)}` },
  );
}

/** quotaBytes: how much the documents of one group's meetings may take together (GROUP_FILE_QUOTA_MB). */
function quotaBytes(c: Context<AppEnv>): number {
  return c.var.config.groupFileQuotaMb * 1024 * 1024;
}

/** retention: what is left of the meeting's lists past the retention period, or null while they are kept. */
function retention(c: Context<AppEnv>, m: MeetingWithGroup) {
  return retainedAttendance(c.var.db, m, c.var.now(), c.var.config.retentionMonths);
}

/** attendanceClosed: 409 for a change to the attendance of a meeting whose lists were deleted (retention). */
function attendanceClosed(c: Context<AppEnv>) {
  c.status(409);
  return c.render(<ErrorPage t={c.var.t} title="attendance.closedTitle" text="attendance.closed" />, { title: c.var.t('attendance.closedTitle') });
}

async function attendanceView(c: Context<AppEnv>, m: MeetingWithGroup) {
  const retained = await retention(c, m);
  // Past the retention period the page shows the kept numbers only: no names, no suggested statuses.
  const [rows, guests] = retained ? [[], []] : await Promise.all([listAttendance(c.var.db, m.id, m.group_id, instantToBerlin(m.starts_at).day), listGuests(c.var.db, m.id)]);
  return { t: c.var.t, fmt: c.var.fmt, meeting: m, rows, guests, retained };
}

async function renderAttendance(c: Context<AppEnv>, m: MeetingWithGroup, guestValues?: Record<string, string>, guestErrors?: FieldErrors) {
  const view = await attendanceView(c, m);
  return c.render(<AttendancePage {...view} guestValues={guestValues} guestErrors={guestErrors} />, { title: `${c.var.t('attendance.title')}: ${m.title}` });
}

/**
 * seriesMeetings: the days of a series, each with its meeting (none when the time does not exist that
 * day), holidays skipped or moved as chosen and the district's and the group's breaks skipped.
 */
async function seriesMeetings(db: Kysely<Database>, groupId: number, form: SeriesForm) {
  const rule: SeriesRule =
    form.kind === 'monthly'
      ? { kind: 'monthly', ordinal: Number(form.ordinal) as 1 | 2 | 3 | 4 | -1, weekday: Number(form.weekday), intervalMonths: Number(form.interval_months ?? '1') }
      : { kind: 'weekly', intervalWeeks: Number(form.interval_weeks), weekday: Number(form.weekday) };
  const breaks = form.breaks === 'ignore' ? [] : await breaksForSeries(db, groupId, form.from, form.until);
  return seriesDates(rule, form.from, form.until, { holidays: form.holidays ?? 'skip', breaks }).map((d) => {
    const starts_at = berlinToInstant(d.day, form.start_time);
    const ends_at = berlinToInstant(d.day, form.end_time);
    const input = starts_at && ends_at ? { title: form.title, starts_at, ends_at, location: form.location, room: form.room, online_url: form.online_url } : undefined;
    return { ...d, input };
  });
}

async function renderSeries(c: Context<AppEnv>, vg: VisibleGroup, values: Record<string, string>, errors?: FieldErrors, form?: SeriesForm) {
  const t = c.var.t;
  const weekdays = Array.from({ length: 7 }, (_, i) => ({ value: String(i + 1), label: c.var.fmt.weekday(new Date(Date.UTC(2024, 0, i + 1, 12))) }));
  // The preview shows exactly what "create" will do and why: holidays skipped or moved, breaks and
  // days on which the time does not exist (clock change) skipped, and when the rule was cut off.
  const days = form ? await seriesMeetings(c.var.db, vg.group.id, form) : null;
  const label = (day: string) => `${c.var.fmt.weekday(`${day}T12:00:00Z`)}, ${c.var.fmt.date(`${day}T12:00:00Z`)}`;
  const preview = days ? days.map((d) => seriesPreviewLine(t, d, label, (day) => formatDay(day, c.var.locale))) : null;
  const capped = days !== null && days.length >= MAX_SERIES;
  return c.render(<SeriesPage t={t} fmt={c.var.fmt} slug={vg.group.slug} groupName={vg.group.name} values={values} errors={errors} weekdays={weekdays} preview={preview} capped={capped} />, { title: `${t('series.title')}: ${vg.group.name}` });
}

export function invitationContext(c: Context<AppEnv>) {
  return { now: c.var.now(), baseUrl: c.var.config.baseUrl, districtName: c.var.site.districtName, organizer: organizerOf(c.var.site, c.var.config.mailFrom) };
}

async function renderAgenda(c: Context<AppEnv>, meeting: MeetingWithGroup, values: Record<string, string> = {}, errors?: FieldErrors, editing?: { itemId: number; values: Record<string, string>; errors: FieldErrors }) {
  const [items, openActions] = await Promise.all([listAgenda(c.var.db, meeting.id), listOpenGroupActions(c.var.db, meeting.group_id)]);
  return c.render(<AgendaPage t={c.var.t} fmt={c.var.fmt} meeting={meeting} items={items} values={values} errors={errors} openActions={openActions} editing={editing} />, {
    title: `${c.var.t('meetings.agenda')}: ${meeting.title}`,
  });
}

export const meetingRoutes = new Hono<AppEnv>()
  .get('/groups/:slug{[a-z0-9-]{1,80}}/meetings/new', (c) =>
    withGroup(c, 'manager', (vg) => renderForm(c, { action: `/groups/${vg.group.slug}/meetings`, cancel: `/groups/${vg.group.slug}`, isNew: true, values: {}, subject: vg.group.name })),
  )
  .post(
    '/groups/:slug{[a-z0-9-]{1,80}}/meetings',
    validForm(meetingSchema, (c, values, errors) =>
      withGroup(c, 'manager', (vg) => renderForm(c, { action: `/groups/${vg.group.slug}/meetings`, cancel: `/groups/${vg.group.slug}`, isNew: true, values: { ...values, default_agenda: values.default_agenda ?? 'off' }, errors, subject: vg.group.name })),
    ),
    (c) =>
      withGroup(c, 'manager', async (vg) => {
        const input = c.req.valid('form');
        const id = await createMeeting(c.var.db, c.var.user!, vg.group.id, input, input.default_agenda === 'on', c.var.now());
        return redirectWithFlash(c, `/meetings/${id}`, 'success', 'meetings.created');
      }),
  )
  .get('/groups/:slug{[a-z0-9-]{1,80}}/meetings/series', (c) =>
    withGroup(c, 'manager', (vg) => {
      const query = c.req.query();
      // An empty form shows just the form; a filled one (a GET: nothing is stored) shows the preview.
      if (!query.title && !query.from) return renderSeries(c, vg, {});
      const parsed = seriesSchema.safeParse(query);
      if (!parsed.success) {
        c.status(422);
        return renderSeries(c, vg, formValues(query), fieldErrors(parsed.error));
      }
      return renderSeries(c, vg, formValues(query), undefined, parsed.data);
    }),
  )
  .post(
    '/groups/:slug{[a-z0-9-]{1,80}}/meetings/series',
    validForm(seriesSchema, (c, values, errors) => withGroup(c, 'manager', (vg) => renderSeries(c, vg, values, errors))),
    (c) =>
      withGroup(c, 'manager', async (vg) => {
        const form = c.req.valid('form');
        const meetings = (await seriesMeetings(c.var.db, vg.group.id, form)).filter((d) => !isSkipped(d) && d.input).map((d) => d.input!);
        await createSeries(c.var.db, c.var.user!, vg.group.id, meetings, form.default_agenda === 'on', c.var.now());
        return redirectWithFlash(c, `/groups/${vg.group.slug}`, 'success', 'series.created');
      }),
  )
  .get('/meetings/:ics{[1-9][0-9]{0,8}\\.ics}', (c) =>
    withMeetingId(c, Number(c.req.param('ics').replace('.ics', '')), 'public', (m, vg) => sendMeetingFile(c, m, vg)),
  )
  .get(`/meetings/${ID}`, (c) => withMeeting(c, 'public', (m, vg) => renderMeeting(c, m, vg)))
  .get(`/meetings/${ID}/edit`, (c) =>
    withMeeting(c, 'manager', (m) => renderForm(c, { action: `/meetings/${m.id}/edit`, cancel: `/meetings/${m.id}`, isNew: false, values: meetingFormValues(m), subject: m.title })),
  )
  .post(
    `/meetings/${ID}/edit`,
    validForm(meetingSchema, (c, values, errors) =>
      withMeeting(c, 'manager', (m) => renderForm(c, { action: `/meetings/${m.id}/edit`, cancel: `/meetings/${m.id}`, isNew: false, values, errors, subject: m.title })),
    ),
    (c) =>
      withMeeting(c, 'manager', async (m) => {
        if (m.status === 'cancelled') return renderError(c, 403);
        const { calendarChanged } = await updateMeeting(c.var.db, c.var.user!, m.id, c.req.valid('form'), c.var.now());
        // After a change that matters to the invited, telling them is the next step: the meeting page
        // opens at its box that says who gets the notice.
        if (calendarChanged && m.invitation_sent_at) return redirectWithFlash(c, `/meetings/${m.id}#notify`, 'success', 'meetings.savedNotify');
        return redirectWithFlash(c, `/meetings/${m.id}`, 'success', calendarChanged ? 'meetings.savedCalendar' : 'meetings.saved');
      }),
  )
  .post(
    `/meetings/${ID}/cancel`,
    validForm(cancelSchema, (c, values, errors) => withMeeting(c, 'manager', (m, vg) => (hasStarted(c, m) ? alreadyStarted(c, 'meetings.startedNoCancel') : renderMeeting(c, m, vg, { cancel: errors, cancelValues: values })))),
    (c) =>
      withMeeting(c, 'manager', async (m) => {
        if (hasStarted(c, m) && m.status !== 'cancelled') return alreadyStarted(c, 'meetings.startedNoCancel');
        const form = c.req.valid('form');
        // The cancellation goes to the invited at once (ticked by default), in the same transaction.
        const told = await cancelWithNotice(c.var.db, c.var.user!, m.id, form.reason, form.notify === 'on', invitationContext(c));
        if (told === null) return renderError(c, 404);
        return redirectWithFlash(c, `/meetings/${m.id}`, 'success', told > 0 ? 'meetings.cancelledNotified' : 'meetings.cancelled');
      }),
  )
  .post(`/meetings/${ID}/files/notify`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      const told = await notifyNewDocuments(c.var.db, c.var.user!, m.id, invitationContext(c));
      if (told === null) return alreadyStarted(c, 'meetings.startedNoInvite');
      return redirectWithFlash(c, `/meetings/${m.id}#documents`, told ? 'success' : 'info', told ? 'documents.noticeSent' : 'documents.noticeNothing');
    }),
  )
  .post(`/meetings/${ID}/remind`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      const reminded = await remindUnanswered(c.var.db, c.var.user!, m.id, invitationContext(c));
      if (reminded === null) {
        c.status(409);
        return c.render(<ErrorPage t={c.var.t} title="replies.title" text="replies.remindClosed" />, { title: c.var.t('replies.title') });
      }
      return redirectWithFlash(c, `/meetings/${m.id}#replies`, reminded ? 'success' : 'info', reminded ? 'replies.reminded' : 'replies.nobodyToRemind');
    }),
  )
  .post(`/meetings/${ID}/notify`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      const notified = await notifyInvited(c.var.db, c.var.user!, m.id, invitationContext(c));
      return redirectWithFlash(c, `/meetings/${m.id}`, notified ? 'success' : 'info', notified ? 'invitation.notified' : 'invitation.nothingNew');
    }),
  )
  .get(`/meetings/${ID}/replies`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      // The fragment for the live refresh; a browser asking for the URL gets the meeting page.
      if (!isFragmentRequest(c)) return c.redirect(`/meetings/${m.id}#replies`, 303);
      const replies = await listReplies(c.var.db, m.id);
      return c.html(<Replies t={c.var.t} fmt={c.var.fmt} meetingId={m.id} replies={replies} live={c.req.query('live') === '1'} remindable={m.status !== 'cancelled' && !hasStarted(c, m)} />);
    }),
  )
  .post(
    `/meetings/${ID}/rsvp`,
    validForm(replySchema, (c, _values, errors) => withMeeting(c, 'public', (m, vg) => renderMeeting(c, m, vg, { reply: errors }))),
    (c) =>
      withMeeting(c, 'public', async (m) => {
        if (!c.var.user || m.status === 'cancelled') return renderError(c, 403);
        const reply = c.req.valid('form');
        const ok = await recordReply(c.var.db, m.id, c.var.user.personId, reply, c.var.now());
        if (!ok) return renderError(c, 403);
        const choice = substituteChoice(reply);
        if (choice) await inviteSubstitute(c.var.db, m.id, c.var.user.personId, choice, invitationContext(c));
        return redirectWithFlash(c, `/meetings/${m.id}`, 'success', 'rsvp.thanks');
      }),
  )
  .get('/rsvp/:token{[a-z2-7]{24}\\.[a-z2-7]{24}}/meeting.ics', async (c) => {
    const link = await checkReplyLink(c.var.db, c.req.param('token'), c.var.now());
    const meeting = link && (await findMeeting(c.var.db, link.meetingId));
    if (!link || !meeting) return rsvpInvalid(c);
    // The link's holder is invited: they get the file a member gets (agenda, online link).
    return sendMeetingFile(c, meeting, { access: 'member' });
  })
  .get('/rsvp/:token', async (c) => {
    const link = await checkReplyLink(c.var.db, c.req.param('token'), c.var.now());
    const meeting = link && (await findMeeting(c.var.db, link.meetingId));
    if (!link || !meeting) return rsvpInvalid(c);
    const answer = c.req.query('answer');
    const colleagues = await listColleagues(c.var.db, meeting, link.personId);
    return c.render(<RsvpPage t={c.var.t} fmt={c.var.fmt} meeting={meeting} name={link.name} action={c.req.path} answer={answer} colleagues={colleagues} />, { title: c.var.t('rsvp.title', { title: meeting.title }) });
  })
  .post(
    '/rsvp/:token',
    validForm(replySchema, async (c, values, errors) => {
      const link = await checkReplyLink(c.var.db, c.req.param('token'), c.var.now());
      const meeting = link && (await findMeeting(c.var.db, link.meetingId));
      if (!link || !meeting) return rsvpInvalid(c);
      const colleagues = await listColleagues(c.var.db, meeting, link.personId);
      return c.render(<RsvpPage t={c.var.t} fmt={c.var.fmt} meeting={meeting} name={link.name} action={c.req.path} answer={values.answer} values={values} errors={errors} colleagues={colleagues} />, { title: c.var.t('rsvp.title', { title: meeting.title }) });
    }),
    async (c) => {
      const link = await checkReplyLink(c.var.db, c.req.param('token'), c.var.now());
      if (!link) return rsvpInvalid(c);
      const reply = c.req.valid('form');
      await recordReply(c.var.db, link.meetingId, link.personId, reply, c.var.now());
      // Declined with a substitute's address: the substitute is invited in the member's place.
      const choice = substituteChoice(reply);
      const substitute = (choice && (await inviteSubstitute(c.var.db, link.meetingId, link.personId, choice, invitationContext(c)))) || undefined;
      const meeting = (await findMeeting(c.var.db, link.meetingId))!;
      // The page says what was saved for which meeting, offers the calendar file (by the same link: the
      // person may not be signed in) and how to change the answer (the same link, until the meeting).
      return c.render(<RsvpDonePage t={c.var.t} fmt={c.var.fmt} meeting={meeting} answer={reply.answer} link={c.req.path} substitute={substitute} />, { title: c.var.t('replies.title') });
    },
  )
  .get(`/meetings/${ID}/attendance`, (c) => withMeeting(c, 'manager', (m) => renderAttendance(c, m)))
  .get(`/meetings/${ID}/attendance/print`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      const view = await attendanceView(c, m);
      return c.render(<AttendancePrintPage {...view} districtName={c.var.site.districtName} />, { title: `${c.var.t('attendance.sheet')}: ${m.title}` });
    }),
  )
  .post(`/meetings/${ID}/attendance`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      if (await retention(c, m)) return attendanceClosed(c);
      const body = await readForm(c);
      const statuses = new Map<number, AttendanceStatus>();
      for (const [key, value] of Object.entries(body)) {
        const match = /^status_([1-9][0-9]{0,8})$/.exec(key);
        if (!match) continue;
        if (value !== 'present' && value !== 'excused' && value !== 'absent') return renderError(c, 400);
        statuses.set(Number(match[1]), value);
      }
      await recordAttendance(c.var.db, c.var.user!, m, statuses, instantToBerlin(m.starts_at).day, c.var.now());
      return redirectWithFlash(c, `/meetings/${m.id}/attendance`, 'success', 'attendance.saved');
    }),
  )
  .post(`/meetings/${ID}/attendance/accepted`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      if (await retention(c, m)) return attendanceClosed(c);
      const count = await markAcceptedPresent(c.var.db, c.var.user!, m, instantToBerlin(m.starts_at).day, c.var.now());
      return count ? redirectWithFlash(c, `/meetings/${m.id}/attendance`, 'success', 'attendance.allAcceptedDone') : redirectWithFlash(c, `/meetings/${m.id}/attendance`, 'info', 'attendance.noneAccepted');
    }),
  )
  .post(
    `/meetings/${ID}/attendance/guests`,
    validForm(guestSchema, (c, values, errors) => withMeeting(c, 'manager', async (m) => ((await retention(c, m)) ? attendanceClosed(c) : renderAttendance(c, m, values, errors)))),
    (c) =>
      withMeeting(c, 'manager', async (m) => {
        if (await retention(c, m)) return attendanceClosed(c);
        await addGuest(c.var.db, c.var.user!, m.id, c.req.valid('form'), c.var.now());
        return redirectWithFlash(c, `/meetings/${m.id}/attendance`, 'success', 'attendance.guestAdded');
      }),
  )
  .post(`/meetings/${ID}/attendance/guests/:guest{[1-9][0-9]{0,8}}/delete`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      if (await retention(c, m)) return attendanceClosed(c);
      const ok = await removeGuest(c.var.db, c.var.user!, m.id, Number(c.req.param('guest')), c.var.now());
      return ok ? redirectWithFlash(c, `/meetings/${m.id}/attendance`, 'success', 'attendance.guestRemoved') : renderError(c, 404);
    }),
  )
  .post(`/meetings/${ID}/files`, (c) =>
    withMeeting(c, 'manager', async (m, vg) => {
      const body = await readForm(c);
      const file = body.file;
      const item = typeof body.agenda_item_id === 'string' && /^[1-9][0-9]{0,8}$/.test(body.agenda_item_id) ? Number(body.agenda_item_id) : null;
      const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : null;
      const result = bytes ? await storeDocument(c.var.db, c.var.user!, m.id, { name: (file as File).name, bytes }, item, c.var.now(), quotaBytes(c)) : ({ ok: false, reason: 'documents.empty' } as const);
      if (!result.ok) {
        const mb = (n: number) => megabytes(n, c.var.locale);
        const params = 'quota' in result && result.quota ? { used: mb(result.quota.used), allowed: mb(result.quota.allowed), size: mb(bytes!.byteLength) } : undefined;
        c.status(422);
        return renderMeeting(c, m, vg, { document: c.var.t(result.reason, params) });
      }
      return redirectWithFlash(c, `/meetings/${m.id}#documents`, 'success', 'documents.uploaded');
    }),
  )
  .get('/files/:file{[1-9][0-9]{0,8}}', async (c) => {
    // Only the metadata is read before the access check; the content (up to 20 MB) after it.
    const file = await findDocumentInfo(c.var.db, Number(c.req.param('file')));
    if (!file?.meeting_id) return renderError(c, 404);
    // Always a download, never shown inline (src/http/download.ts).
    return withMeetingId(c, file.meeting_id, 'member', async () => sendDocument(c, file, await documentContent(c.var.db, file.id)));
  })
  .post('/files/:file{[1-9][0-9]{0,8}}/delete', async (c) => {
    const file = await findDocumentInfo(c.var.db, Number(c.req.param('file')));
    if (!file?.meeting_id) return renderError(c, 404);
    return withMeetingId(c, file.meeting_id, 'manager', async (m) => {
      await deleteDocument(c.var.db, c.var.user!, file.id, c.var.now());
      return redirectWithFlash(c, `/meetings/${m.id}#documents`, 'success', 'documents.deleted');
    });
  })
  .get(`/meetings/${ID}/agenda`, (c) => withMeeting(c, 'manager', (m) => renderAgenda(c, m)))
  .post(
    `/meetings/${ID}/agenda`,
    validForm(agendaSchema, (c, values, errors) => withMeeting(c, 'manager', (m) => renderAgenda(c, m, values, errors))),
    (c) =>
      withMeeting(c, 'manager', async (m) => {
        await addAgendaItem(c.var.db, c.var.user!, m.id, c.req.valid('form'), c.var.now());
        return redirectWithFlash(c, `/meetings/${m.id}/agenda`, 'success', 'meetings.itemAdded');
      }),
  )
  .post(
    `/meetings/${ID}/agenda/${ITEM}`,
    validForm(agendaSchema, (c, values, errors) => withMeeting(c, 'manager', (m) => renderAgenda(c, m, {}, undefined, { itemId: Number(c.req.param('item')), values, errors }))),
    (c) =>
      withMeeting(c, 'manager', async (m) => {
        const ok = await updateAgendaItem(c.var.db, c.var.user!, m.id, Number(c.req.param('item')), c.req.valid('form'), c.var.now());
        return ok ? redirectWithFlash(c, `/meetings/${m.id}/agenda`, 'success', 'meetings.itemSaved') : renderError(c, 404);
      }),
  )
  .post(`/meetings/${ID}/agenda/from-action/:action{[1-9][0-9]{0,8}}`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      // One click puts an open action item of this group on the agenda (as a TOP before "Verschiedenes").
      const action = (await listOpenGroupActions(c.var.db, m.group_id)).find((a) => a.id === Number(c.req.param('action')));
      if (!action) return renderError(c, 404);
      const title = c.var.t('agenda.actionTitle', { description: action.description }).slice(0, 300);
      await addAgendaItem(c.var.db, c.var.user!, m.id, { title, presenter: action.responsible_name ?? action.responsible_organisation ?? undefined }, c.var.now());
      return redirectWithFlash(c, `/meetings/${m.id}/agenda`, 'success', 'meetings.itemAdded');
    }),
  )
  .post(`/meetings/${ID}/agenda/${ITEM}/move`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      const direction = (await readForm(c)).direction;
      if (direction !== 'up' && direction !== 'down') return renderError(c, 400);
      const ok = await moveAgendaItem(c.var.db, c.var.user!, m.id, Number(c.req.param('item')), direction, c.var.now());
      return ok ? redirectWithFlash(c, `/meetings/${m.id}/agenda#item-${c.req.param('item')}`, 'success', 'meetings.itemMoved') : renderError(c, 404);
    }),
  )
  .post(`/meetings/${ID}/agenda/${ITEM}/delete`, (c) =>
    withMeeting(c, 'manager', async (m) => {
      const ok = await deleteAgendaItem(c.var.db, c.var.user!, m.id, Number(c.req.param('item')), c.var.now());
      return ok ? redirectWithFlash(c, `/meetings/${m.id}/agenda`, 'success', 'meetings.itemDeleted') : renderError(c, 404);
    }),
  );


import type { MessageKey, Translate } from '../i18n/index.js';
import type { Formatters } from '../lib/berlin-time.js';
import type { AuditListRow } from './audit.js';
import { changedFields } from './describe.js';
import { parseObject, type SubjectNames } from './subject-names.js';
import { formatEuro } from '../projects/accounts/money.js';

/**
 * An entry of the log as one sentence for people ("Katharina Lange hat die Anwesenheit der Sitzung
 * „Plenum“ vom 12.11.2026 erfasst: 16 anwesend, 2 entschuldigt."), in the reader's language. The raw
 * code, ids and data stay on the page behind "Details"; this is what the staff read.
 *
 * SENTENCES has one entry per action code written anywhere in src/ (test/audit-sentences.test.ts reads
 * the audit() calls in the source and fails for a code without one). An entry the table does not know
 * (an old code, a test's) still gets a plain sentence naming its code.
 */
export interface SentenceContext {
  t: Translate;
  fmt: Formatters;
  row: AuditListRow;
  names: SubjectNames;
  /** The recorded data, {} when a side is empty or not an object. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Who did it: the person's name, or "the system" for entries without an account. */
  actor: string;
}

type Sentence = (c: SentenceContext) => string;

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined);
const idOf = (c: SentenceContext): number | undefined => num(c.row.entity_id);

/** quoted: a name in quotation marks („…“ / "…"), or "no. 7" when the record is gone. */
function quoted(c: SentenceContext, name: string | undefined, id: unknown): string {
  if (name) return c.t('audit.quoted', { text: name });
  return c.t('audit.subject.unknown', { id: text(id) || '?' });
}

/** plain: a person's name as it is, or "no. 7" when the record is gone. */
function plain(c: SentenceContext, name: string | undefined, id: unknown): string {
  return name || c.t('audit.subject.unknown', { id: text(id) || '?' });
}

function meetingName(c: SentenceContext, id: unknown): string {
  const meeting = num(id) === undefined ? undefined : c.names.meetings.get(num(id)!);
  if (!meeting) return c.t('audit.subject.unknown', { id: text(id) || '?' });
  return c.t('audit.subject.meeting', { title: meeting.title, date: c.fmt.date(meeting.starts_at) });
}

const meeting = (c: SentenceContext) => meetingName(c, c.row.entity_id);
const group = (c: SentenceContext, id: unknown = c.row.entity_id) => quoted(c, num(id) === undefined ? undefined : c.names.groups.get(num(id)!), id);
const person = (c: SentenceContext, id: unknown = c.row.entity_id) => plain(c, num(id) === undefined ? undefined : c.names.persons.get(num(id)!), id);
const organisation = (c: SentenceContext, id: unknown = c.row.entity_id) => quoted(c, num(id) === undefined ? undefined : c.names.organisations.get(num(id)!), id);
/** The person behind an account entry. */
const account = (c: SentenceContext) => plain(c, idOf(c) === undefined ? undefined : c.names.users.get(idOf(c)!), c.row.entity_id);

/** count: "1 Person" / "16 Personen". */
function count(c: SentenceContext, unit: 'person' | 'meeting' | 'session' | 'mail', n: number): string {
  return c.t(`audit.count.${unit}.${n === 1 ? 'one' : 'other'}` as MessageKey, { n });
}

/** translated: an enum value in the reader's language (roles, states), the value itself when unknown. */
function translated(c: SentenceContext, prefix: string, value: unknown): string {
  const key = `${prefix}.${text(value)}`;
  const result = c.t(key as MessageKey);
  return typeof result === 'string' && result !== '' ? result : text(value);
}

/** The membership an entry is about: from the record, or from the ids it recorded when it is gone. */
function membership(c: SentenceContext) {
  const found = idOf(c) === undefined ? undefined : c.names.memberships.get(idOf(c)!);
  const data = { ...c.before, ...c.after };
  return {
    person: found?.person ?? person(c, data.person_id),
    group: found ? c.t('audit.quoted', { text: found.group }) : group(c, data.group_id),
    organisation: found?.organisation ? c.t('audit.quoted', { text: found.organisation }) : organisation(c, c.before.organisation_id ?? c.after.organisation_id),
    role: translated(c, 'membershipRole', data.role),
  };
}

function attendanceCounts(c: SentenceContext): string {
  const counts = { present: 0, excused: 0, absent: 0 };
  for (const status of Object.values(c.after)) if (status === 'present' || status === 'excused' || status === 'absent') counts[status]++;
  const parts = (['present', 'excused', 'absent'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${c.t(`attendance.${s}`)}`);
  return parts.length ? parts.join(', ') : c.t('audit.nobody');
}

/** changedLabels: the fields an update changed, named in the reader's language ("Beginn, Raum"); "" when none is known. */
function changedLabels(c: SentenceContext, fields: readonly string[]): string {
  return changedFields(c.row.before_json, c.row.after_json)
    .map((f) => f.field)
    .filter((f) => fields.includes(f))
    .map((f) => c.t(`audit.field.${f}` as MessageKey))
    .join(', ');
}

const MEETING_FIELDS = ['title', 'starts_at', 'ends_at', 'location', 'room', 'online_url'] as const;
const PERSON_FIELDS = ['name', 'email', 'phone', 'job_function', 'organisation_id', 'city_id'] as const;

/** self: the entry is about the actor's own person record. */
const self = (c: SentenceContext) => c.row.actor_person_id !== null && String(c.row.actor_person_id) === c.row.entity_id;

const say = (key: MessageKey, params: (c: SentenceContext) => Record<string, string | number> = () => ({})): Sentence => (c) => c.t(key, { actor: c.actor, ...params(c) });

/** The directory entry's status changes (organisation.<status>, see setStatus in src/directory/entries.ts). */
const organisationStatus: Sentence = (c) => {
  const status = c.row.action.slice('organisation.'.length);
  const subject = organisation(c);
  const reason = text(c.after.reason);
  if (status === 'published') return c.t('audit.say.organisation.published', { actor: c.actor, subject });
  if (status === 'archived') return c.t('audit.say.organisation.archived', { actor: c.actor, subject });
  if (status === 'rejected') return reason ? c.t('audit.say.organisation.rejectedReason', { actor: c.actor, subject, reason }) : c.t('audit.say.organisation.rejected', { actor: c.actor, subject });
  return c.t('audit.say.organisation.status', { actor: c.actor, subject, status: translated(c, 'directory.status', status) });
};

const minutesStep = (key: MessageKey): Sentence => say(key, (c) => ({ subject: meeting(c), version: text(c.after.version) }));

/** The city an entry is about, by the name it recorded (src/cities/). */
const city = (c: SentenceContext) => quoted(c, text(c.after.name) || text(c.before.name) || undefined, c.row.entity_id);
const CITY_FIELDS = ['name', 'short_name', 'ags', 'slug', 'kind', 'council_body', 'council_last_election', 'council_next_election', 'council_chair', 'council_contact', 'council_url'] as const;

/** breakSentence: "… hat den Zeitraum „Sommerferien 2027“ (19.07.2027 bis 31.08.2027) für den ganzen Kreis eingetragen." */
function breakSentence(c: SentenceContext, key: MessageKey, data: Record<string, unknown>): string {
  const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? c.fmt.date(`${v}T12:00:00Z`) : '');
  const period = day(data.starts_on) && day(data.ends_on) ? c.t('audit.breakPeriod', { from: day(data.starts_on), until: day(data.ends_on) }) : '';
  const scope = num(data.group_id) === undefined ? c.t('audit.breakDistrict') : c.t('audit.breakGroup', { group: group(c, data.group_id) });
  return c.t(key, { actor: c.actor, name: quoted(c, text(data.name) || undefined, c.row.entity_id), period, scope });
}

export const SENTENCES: Record<string, Sentence> = {
  // Accounts
  'setup.first_admin': say('audit.say.setup.first_admin'),
  'user.password_change': say('audit.say.user.password_change'),
  'user.password_reset': say('audit.say.user.password_reset'),
  'user.invitation_accepted': say('audit.say.user.invitation_accepted'),
  'user.sessions_ended': (c) =>
    c.t(c.row.actor_user_id !== null && String(c.row.actor_user_id) === c.row.entity_id ? 'audit.say.user.sessions_endedOwn' : 'audit.say.user.sessions_ended', {
      actor: c.actor,
      subject: account(c),
      count: count(c, 'session', num(c.after.ended) ?? 0),
    }),
  'user.invite': (c) =>
    c.after.role === undefined
      ? c.t('audit.say.user.inviteAgain', { actor: c.actor, subject: c.after.person_id !== undefined ? person(c, c.after.person_id) : account(c) })
      : c.t('audit.say.user.invite', { actor: c.actor, subject: c.after.person_id !== undefined ? person(c, c.after.person_id) : account(c), role: translated(c, 'role', c.after.role) }),
  'user.activate': say('audit.say.user.activate', (c) => ({ subject: account(c) })),
  'user.deactivate': say('audit.say.user.deactivate', (c) => ({ subject: account(c) })),
  'user.role': say('audit.say.user.role', (c) => ({ subject: account(c), before: translated(c, 'role', c.before.role), after: translated(c, 'role', c.after.role) })),
  'user.email_change_requested': say('audit.say.user.email_change_requested', (c) => ({ subject: account(c), email: text(c.after.new_email) })),
  'user.email_change_confirmed': say('audit.say.user.email_change_confirmed', (c) => ({ email: text(c.after.new_email), side: translated(c, 'audit.side', c.after.by) })),
  'user.email_change_cancelled': (c) =>
    c.after.by === 'staff'
      ? c.t('audit.say.user.email_change_cancelledByStaff', { actor: c.actor, subject: account(c), email: text(c.after.new_email) })
      : c.t('audit.say.user.email_change_cancelled', { actor: c.actor, email: text(c.after.new_email), side: translated(c, 'audit.side', c.after.by) }),
  'user.email_change': say('audit.say.user.email_change', (c) => ({ email: text(c.after.email), old: text(c.before.email) })),
  'feed.create': say('audit.say.feed.create', (c) => ({ name: quoted(c, text(c.after.name) || c.names.feeds.get(idOf(c) ?? 0), c.row.entity_id) })),
  'feed.rotate': say('audit.say.feed.rotate', (c) => ({ name: quoted(c, c.names.feeds.get(idOf(c) ?? 0), c.row.entity_id) })),
  'feed.revoke': say('audit.say.feed.revoke', (c) => ({ name: quoted(c, c.names.feeds.get(idOf(c) ?? 0), c.row.entity_id) })),
  // Site texts and settings
  'site_text.update': say('audit.say.site_text.update', (c) => ({ text: translated(c, 'audit.siteText', c.row.entity_id) })),
  'site_text.reset': say('audit.say.site_text.reset', (c) => ({ text: translated(c, 'audit.siteText', c.row.entity_id) })),
  'settings.update': say('audit.say.settings.update'),
  // People and consent
  'person.create': (c) => {
    const subject = person(c);
    if (c.after.source === 'invitation') return c.t('audit.say.person.createByInvitation', { subject });
    if (c.after.source === 'import') return c.t('audit.say.person.createByImport', { actor: c.actor, subject });
    return c.t('audit.say.person.create', { actor: c.actor, subject });
  },
  'person.update': (c) => {
    const fields = changedLabels(c, PERSON_FIELDS);
    const subject = self(c) ? c.t('audit.subject.ownDetails') : c.t('audit.subject.detailsOf', { name: person(c) });
    return fields ? c.t('audit.say.person.updateFields', { actor: c.actor, subject, fields }) : c.t('audit.say.person.update', { actor: c.actor, subject });
  },
  'person.consent_granted': (c) => {
    const params = { actor: c.actor, subject: person(c), organisation: organisation(c, c.after.organisation_id) };
    if (c.row.actor_user_id === null) return c.t('audit.say.person.consent_grantedOnline', params);
    return c.t('audit.say.person.consent_granted', { ...params, method: translated(c, 'consent.method', c.after.contact_consent_method) });
  },
  'person.consent_withdrawn': (c) => {
    const params = { actor: c.actor, subject: person(c), organisation: organisation(c, c.after.organisation_id) };
    const via = translated(c, 'audit.via', c.after.via);
    if (c.row.actor_user_id === null) return c.t('audit.say.person.consent_withdrawnVia', { ...params, via });
    return c.after.via && c.after.via !== 'staff' ? c.t('audit.say.person.consent_withdrawnActorVia', { ...params, via }) : c.t('audit.say.person.consent_withdrawn', params);
  },
  'person.anonymise': say('audit.say.person.anonymise', (c) => ({ subject: person(c) })),
  'person.data_export': say('audit.say.person.data_export', (c) => ({ subject: person(c), format: text(c.after.format).toUpperCase() })),
  // Directory
  'organisation.submit': say('audit.say.organisation.submit', (c) => ({ subject: quoted(c, c.names.organisations.get(idOf(c) ?? 0) ?? text(c.after.name), c.row.entity_id) })),
  'organisation.confirmation_sent': say('audit.say.organisation.confirmation_sent', (c) => ({ subject: organisation(c) })),
  'organisation.confirmed': say('audit.say.organisation.confirmed', (c) => ({ subject: organisation(c) })),
  'organisation.corrected_by_contact': say('audit.say.organisation.corrected_by_contact', (c) => ({ subject: organisation(c) })),
  'organisation.import': (c) => c.t(c.after.published ? 'audit.say.organisation.importPublished' : 'audit.say.organisation.import', { actor: c.actor, subject: organisation(c) }),
  'organisation.update': say('audit.say.organisation.update', (c) => ({ subject: organisation(c) })),
  'organisation.propose': say('audit.say.organisation.propose', (c) => ({ subject: organisation(c) })),
  'organisation.discard_change': say('audit.say.organisation.discard_change', (c) => ({ subject: organisation(c) })),
  'organisation.unlisted': organisationStatus,
  'organisation.pending': organisationStatus,
  'organisation.published': organisationStatus,
  'organisation.rejected': organisationStatus,
  'organisation.archived': organisationStatus,
  // Groups and memberships
  'group.create': say('audit.say.group.create', (c) => ({ subject: quoted(c, c.names.groups.get(idOf(c) ?? 0) ?? text(c.after.name), c.row.entity_id) })),
  'group.update': say('audit.say.group.update', (c) => ({ subject: group(c) })),
  'group.archive': say('audit.say.group.archive', (c) => ({ subject: group(c) })),
  'group.restore': say('audit.say.group.restore', (c) => ({ subject: group(c) })),
  'membership.invite': say('audit.say.membership.invite', (c) => ({ name: text(c.after.name), email: text(c.after.email), role: translated(c, 'membershipRole', c.after.role), group: group(c) })),
  'membership.invite_declined': say('audit.say.membership.invite_declined', (c) => ({ email: text(c.after.email), group: group(c) })),
  'membership.create': (c) => {
    const m = membership(c);
    if (c.after.source === 'invitation') return c.t('audit.say.membership.createByInvitation', m);
    return c.t(c.after.source === 'import' ? 'audit.say.membership.createByImport' : 'audit.say.membership.create', { actor: c.actor, ...m });
  },
  'membership.end': (c) => c.t('audit.say.membership.end', { actor: c.actor, ...membership(c), date: /^\d{4}-\d{2}-\d{2}$/.test(text(c.after.ends_on)) ? c.fmt.date(`${text(c.after.ends_on)}T12:00:00Z`) : '–' }),
  'membership.representation_confirm': (c) =>
    c.t(c.row.actor_user_id === null ? 'audit.say.membership.representation_confirmByLink' : 'audit.say.membership.representation_confirm', { actor: c.actor, ...membership(c) }),
  'membership.representation_reject': (c) => c.t('audit.say.membership.representation_reject', { actor: c.actor, ...membership(c) }),
  'membership.representation_revoke': (c) => c.t('audit.say.membership.representation_revoke', { actor: c.actor, ...membership(c) }),
  // Meetings
  'meeting.create': say('audit.say.meeting.create', (c) => ({ subject: c.names.meetings.has(idOf(c) ?? 0) ? meeting(c) : quoted(c, text(c.after.title), c.row.entity_id) })),
  'meeting.series': say('audit.say.meeting.series', (c) => ({ subject: group(c), count: count(c, 'meeting', Array.isArray(c.after.meetings) ? c.after.meetings.length : 0) })),
  'meeting.update': (c) => {
    const fields = changedLabels(c, MEETING_FIELDS);
    return fields ? c.t('audit.say.meeting.updateFields', { actor: c.actor, subject: meeting(c), fields }) : c.t('audit.say.meeting.update', { actor: c.actor, subject: meeting(c) });
  },
  'meeting.cancel': say('audit.say.meeting.cancel', (c) => ({ subject: meeting(c), reason: text(c.after.reason) || '–' })),
  'meeting.invite': say('audit.say.meeting.invite', (c) => ({ subject: meeting(c), count: count(c, 'person', Array.isArray(c.after.invited) ? c.after.invited.length : 0) })),
  'meeting.notify': (c) =>
    c.t(c.after.cancelled ? 'audit.say.meeting.notifyCancelled' : 'audit.say.meeting.notify', { actor: c.actor, subject: meeting(c), count: count(c, 'person', num(c.after.notified) ?? 0) }),
  'meeting.substitute': say('audit.say.meeting.substitute', (c) => ({ subject: meeting(c), person: person(c, c.after.person_id), member: person(c, c.after.for_person_id) })),
  'meeting.remind': say('audit.say.meeting.remind', (c) => ({ subject: meeting(c), count: count(c, 'person', Array.isArray(c.after.reminded) ? c.after.reminded.length : 0) })),
  'meeting.documents_notice': say('audit.say.meeting.documents_notice', (c) => ({ subject: meeting(c), count: count(c, 'person', num(c.after.told) ?? 0), files: Array.isArray(c.after.files) ? c.after.files.length : 0 })),
  'meeting.attendance': say('audit.say.meeting.attendance', (c) => ({ subject: meeting(c), counts: attendanceCounts(c) })),
  'meeting.guest_add': say('audit.say.meeting.guest_add', (c) => ({ subject: meeting(c), name: text(c.after.name) })),
  'meeting.guest_remove': say('audit.say.meeting.guest_remove', (c) => ({ subject: meeting(c) })),
  'agenda.add': say('audit.say.agenda.add', (c) => ({ subject: meeting(c), item: quoted(c, text(c.after.title), c.after.item) })),
  'agenda.update': say('audit.say.agenda.update', (c) => ({ subject: meeting(c), item: quoted(c, text(c.after.title), c.after.item) })),
  'agenda.move': (c) => c.t(c.after.direction === 'up' ? 'audit.say.agenda.moveUp' : 'audit.say.agenda.moveDown', { actor: c.actor, subject: meeting(c) }),
  'agenda.delete': say('audit.say.agenda.delete', (c) => ({ subject: meeting(c), item: quoted(c, text(c.before.title), c.before.id) })),
  'document.upload': say('audit.say.document.upload', (c) => ({ subject: meeting(c), name: quoted(c, text(c.after.name), c.after.file) })),
  'document.delete': say('audit.say.document.delete', (c) => ({ subject: meeting(c), name: quoted(c, text(c.before.name), c.before.file) })),
  // Minutes and action items
  'minutes.save': minutesStep('audit.say.minutes.save'),
  'minutes.corrected': say('audit.say.minutes.corrected', (c) => ({ subject: meeting(c), version: text(c.after.version), reason: text(c.after.reason) || '–' })),
  'minutes.circulated': minutesStep('audit.say.minutes.circulated'),
  'minutes.approved': (c) =>
    c.after.approved_in !== null && c.after.approved_in !== undefined
      ? c.t('audit.say.minutes.approvedIn', { actor: c.actor, subject: meeting(c), version: text(c.after.version), meeting: meetingName(c, c.after.approved_in) })
      : c.t('audit.say.minutes.approved', { actor: c.actor, subject: meeting(c), version: text(c.after.version) }),
  'minutes.draft': minutesStep('audit.say.minutes.draft'),
  'minutes.comment': say('audit.say.minutes.comment', (c) => ({ subject: meeting(c) })),
  'minutes.comment_resolve': (c) =>
    c.t(c.after.resolution === 'worked_in' || c.after.resolution === 'not_taken' ? 'audit.say.minutes.comment_resolve' : 'audit.say.minutes.comment_reopen', {
      actor: c.actor,
      subject: meeting(c),
      resolution: c.after.resolution === 'worked_in' || c.after.resolution === 'not_taken' ? c.t(`minutes.resolution.${c.after.resolution}`) : '',
    }),
  'action.done': say('audit.say.action.done', (c) => ({ subject: quoted(c, c.names.actionItems.get(idOf(c) ?? 0), c.row.entity_id) })),
  // Housekeeping
  'privacy.retention': say('audit.say.privacy.retention', (c) => ({ count: count(c, 'meeting', Array.isArray(c.after.meetings) ? c.after.meetings.length : 0) })),
  'privacy.retention_mails': say('audit.say.privacy.retention_mails', (c) => ({ count: count(c, 'mail', num(c.after.deleted) ?? 0) })),
  // Breaks a meeting series skips (src/breaks)
  'break.add': (c) => breakSentence(c, 'audit.say.break.add', c.after),
  'break.delete': (c) => breakSentence(c, 'audit.say.break.delete', c.before),
  // Date polls (src/polls/)
  'poll.create': say('audit.say.poll.create', (c) => ({ subject: group(c), title: text(c.after.title) || '–', count: count(c, 'person', num(c.after.asked) ?? 0) })),
  'poll.fix': say('audit.say.poll.fix', (c) => ({ subject: group(c), title: text(c.after.title) || '–', date: text(c.after.starts_at) ? c.fmt.date(text(c.after.starts_at)) : '–' })),
  'poll.close': say('audit.say.poll.close', (c) => ({ subject: group(c), title: text(c.after.title) || '–' })),
  'privacy.retention_polls': say('audit.say.privacy.retention_polls', (c) => ({ count: num(c.after.polls) ?? 0 })),
  // Reference lists (src/reference/): the entry names as they were written down.
  'reference.add': say('audit.say.reference.add', (c) => ({ list: referenceList(c), name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'reference.update': (c) =>
    text(c.before.name) && text(c.after.name) && c.before.name !== c.after.name
      ? c.t('audit.say.reference.rename', { actor: c.actor, list: referenceList(c), before: quoted(c, text(c.before.name), c.row.entity_id), name: quoted(c, text(c.after.name), c.row.entity_id) })
      : c.t('audit.say.reference.update', { actor: c.actor, list: referenceList(c), name: quoted(c, text(c.after.name) || text(c.before.name), c.row.entity_id) }),
  'reference.retire': say('audit.say.reference.retire', (c) => ({ list: referenceList(c), name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'reference.restore': say('audit.say.reference.restore', (c) => ({ list: referenceList(c), name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'reference.merge': say('audit.say.reference.merge', (c) => {
    const into = c.after.into && typeof c.after.into === 'object' ? (c.after.into as Record<string, unknown>) : {};
    const from = c.before.from && typeof c.before.from === 'object' ? (c.before.from as Record<string, unknown>) : {};
    return { list: referenceList(c), from: quoted(c, text(c.after.name), c.after.from), into: quoted(c, text(into.name), c.row.entity_id), count: num(from.uses) ?? 0 };
  }),
  // City pages and the city list (src/cities/)
  'city.council_update': say('audit.say.city.council_update', (c) => ({ subject: city(c), fields: changedLabels(c, CITY_FIELDS) || '–' })),
  'city.create': say('audit.say.city.create', (c) => ({ subject: city(c), ags: text(c.after.ags) || '–' })),
  'city.update': say('audit.say.city.update', (c) => ({ subject: city(c), fields: changedLabels(c, CITY_FIELDS) || '–' })),
  'city.retire': (c) =>
    text(c.after.replacement)
      ? c.t('audit.say.city.retireMoved', { actor: c.actor, subject: city(c), replacement: c.t('audit.quoted', { text: text(c.after.replacement) }) })
      : c.t('audit.say.city.retire', { actor: c.actor, subject: city(c) }),
  'city.restore': say('audit.say.city.restore', (c) => ({ subject: city(c) })),
  // The office's contacts (src/contact/): the title or name as recorded (the row may be gone)
  'contact_topic.create': say('audit.say.contact_topic.create', (c) => ({ title: quoted(c, text(c.after.title), c.row.entity_id) })),
  'contact_topic.update': say('audit.say.contact_topic.update', (c) => ({ title: quoted(c, text(c.after.title), c.row.entity_id) })),
  'contact_topic.move': say('audit.say.contact_topic.move', (c) => ({ title: quoted(c, text(c.after.title), c.row.entity_id) })),
  'contact_topic.delete': say('audit.say.contact_topic.delete', (c) => ({ title: quoted(c, text(c.before.title), c.row.entity_id) })),
  'contact_person.create': say('audit.say.contact_person.create', (c) => ({ name: plain(c, text(c.after.name), c.row.entity_id) })),
  'contact_person.update': say('audit.say.contact_person.update', (c) => ({ name: plain(c, text(c.after.name), c.row.entity_id) })),
  'contact_person.move': say('audit.say.contact_person.move', (c) => ({ name: plain(c, text(c.after.name), c.row.entity_id) })),
  'contact_person.delete': say('audit.say.contact_person.delete', (c) => ({ name: plain(c, text(c.before.name), c.row.entity_id) })),
  // Indicators of the Datensammlung (src/statistics/indicators.ts): the name as recorded
  'statistic_indicator.create': say('audit.say.statistic_indicator.create', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'statistic_indicator.update': say('audit.say.statistic_indicator.update', (c) => ({ name: quoted(c, text(c.after.name) || text(c.before.name), c.row.entity_id) })),
  // Search synonyms (src/synonyms/): the group's words as recorded
  'search_synonym.create': say('audit.say.search_synonym.create', (c) => ({ words: quoted(c, text(c.after.words), c.row.entity_id) })),
  'search_synonym.update': say('audit.say.search_synonym.update', (c) => ({ words: quoted(c, text(c.after.words), c.row.entity_id) })),
  'search_synonym.delete': say('audit.say.search_synonym.delete', (c) => ({ words: quoted(c, text(c.before.words), c.row.entity_id) })),
  // Fields of action for the yearly report (src/reports/tags.ts)
  'group.fields': say('audit.say.group.fields', (c) => ({ subject: group(c) })),
  'meeting.fields': say('audit.say.meeting.fields', (c) => ({ subject: meeting(c) })),
  // Funding programmes (src/programmes/): the name as recorded
  'programme.create': say('audit.say.programme.create', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'programme.update': say('audit.say.programme.update', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'programme.archive': say('audit.say.programme.archive', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'programme.restore': say('audit.say.programme.restore', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  // Advice requests (src/advice/): the request by its number (its details go after the retention period)
  'advice.create': say('audit.say.advice.create', (c) => ({ request: adviceRequest(c), programme: quoted(c, text(c.after.programme), '?') })),
  'advice.assign': say('audit.say.advice.assign', (c) => ({ request: adviceRequest(c), assignee: plain(c, text(c.after.assignee), c.after.assigned_user_id) })),
  'advice.answer': say('audit.say.advice.answer', (c) => ({ request: adviceRequest(c) })),
  'advice.close': say('audit.say.advice.close', (c) => ({ request: adviceRequest(c) })),
  'advice.reopen': say('audit.say.advice.reopen', (c) => ({ request: adviceRequest(c) })),
  'privacy.retention_advice': say('audit.say.privacy.retention_advice', (c) => ({ count: num(c.after.deleted) ?? 0 })),
  // The office's projects (src/projects/): the name as recorded; deadlines and documents by their title or file name
  'project.create': say('audit.say.project.create', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'project.update': say('audit.say.project.update', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'project.archive': say('audit.say.project.archive', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'project.restore': say('audit.say.project.restore', (c) => ({ name: quoted(c, text(c.after.name), c.row.entity_id) })),
  'project.deadline_add': say('audit.say.project.deadline_add', (c) => ({ title: quoted(c, text(c.after.title), null), project: text(c.row.entity_id) })),
  'project.deadline_update': say('audit.say.project.deadline_update', (c) => ({ title: quoted(c, text(c.after.title), null), project: text(c.row.entity_id) })),
  'project.deadline_done': say('audit.say.project.deadline_done', (c) => ({ title: quoted(c, text(c.after.title), null), project: text(c.row.entity_id) })),
  'project.deadline_reopen': say('audit.say.project.deadline_reopen', (c) => ({ title: quoted(c, text(c.after.title), null), project: text(c.row.entity_id) })),
  'project.deadline_remove': say('audit.say.project.deadline_remove', (c) => ({ title: quoted(c, text(c.before.title), null), project: text(c.row.entity_id) })),
  'project.document_upload': say('audit.say.project.document_upload', (c) => ({ name: quoted(c, text(c.after.name), null), project: text(c.row.entity_id) })),
  'project.document_delete': say('audit.say.project.document_delete', (c) => ({ name: quoted(c, text(c.before.name), null), project: text(c.row.entity_id) })),
  // Project accounts (src/projects/accounts/): the project and amounts as recorded
  'project_budget_line.create': say('audit.say.project_budget_line.create', (c) => ({ project: projectOf(c), name: quoted(c, text(c.after.name), c.row.entity_id), amount: euros(c, c.after.planned_cents) })),
  'project_budget_line.update': say('audit.say.project_budget_line.update', (c) => ({ project: projectOf(c), name: quoted(c, text(c.after.name), c.row.entity_id), amount: euros(c, c.after.planned_cents) })),
  'project_budget_line.delete': say('audit.say.project_budget_line.delete', (c) => ({ project: projectOf(c), name: quoted(c, text(c.before.name), c.row.entity_id) })),
  'project_expense.create': say('audit.say.project_expense.create', (c) => ({ project: projectOf(c), amount: euros(c, c.after.amount_cents), payee: text(c.after.payee) || '–' })),
  'project_expense.update': say('audit.say.project_expense.update', (c) => ({ project: projectOf(c), amount: euros(c, c.after.amount_cents), payee: text(c.after.payee) || '–' })),
  'project_expense.delete': say('audit.say.project_expense.delete', (c) => ({ project: projectOf(c), amount: euros(c, c.before.amount_cents), payee: text(c.before.payee) || '–' })),
  'project_tranche.create': say('audit.say.project_tranche.create', (c) => ({ project: projectOf(c), amount: euros(c, c.after.amount_cents) })),
  'project_tranche.update': say('audit.say.project_tranche.update', (c) => ({ project: projectOf(c), amount: euros(c, c.after.amount_cents) })),
  'project_tranche.delete': say('audit.say.project_tranche.delete', (c) => ({ project: projectOf(c), amount: euros(c, c.before.amount_cents) })),
};

/** adviceRequest: "Beratungsanfrage Nr. 7". */
function adviceRequest(c: SentenceContext): string {
  return c.t('audit.subject.adviceRequest', { id: text(c.row.entity_id) || '?' });
}

/** projectOf: the project of an accounts entry, by the name recorded with it. */
function projectOf(c: SentenceContext): string {
  return quoted(c, text(c.after.project) || text(c.before.project), num(c.after.project_id) ?? num(c.before.project_id));
}

/** euros: recorded integer cents as "1.234,56 €" in the reader's language; "–" when none was recorded. */
function euros(c: SentenceContext, cents: unknown): string {
  const n = num(cents);
  return n === undefined ? '–' : formatEuro(n, c.t('app.locale') === 'en' ? 'en' : 'de');
}

/** referenceList: the list an entry of src/reference/ belongs to, named in the reader's language. */
function referenceList(c: SentenceContext): string {
  const list = text(c.after.list) || text(c.before.list);
  return list ? translated(c, 'reference.list', list) : '–';
}

/** auditSentence: the entry as one sentence in the reader's language. */
export function auditSentence(t: Translate, fmt: Formatters, row: AuditListRow, names: SubjectNames): string {
  const actor = row.actor_user_id === null ? t('audit.actor.system') : (row.actor_name ?? t('audit.subject.unknown', { id: row.actor_user_id }));
  const context: SentenceContext = { t, fmt, row, names, before: parseObject(row.before_json), after: parseObject(row.after_json), actor };
  const sentence = Object.hasOwn(SENTENCES, row.action) ? SENTENCES[row.action] : undefined;
  if (sentence) return sentence(context);
  const entity = row.entity_id === null ? row.entity_type : `${row.entity_type} ${row.entity_id}`;
  return t('audit.say.unknown', { actor, action: row.action, entity });
}

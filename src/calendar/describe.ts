import type { RsvpAnswer, MembershipRole } from '../db/schema.js';
import type { Translate } from '../i18n/index.js';

/** agendaLines: "TOP 1: Begrüßung (Frau Yilmaz)", one line a TOP, as mails and calendar entries show it. */
export function agendaLines(t: Translate, items: readonly { title: string; presenter: string | null }[]): string[] {
  return items.map((item, i) => `${t('meetings.top', { n: i + 1 })}: ${item.title}${item.presenter ? ` (${item.presenter})` : ''}`);
}

export interface MeetingDescription {
  pageUrl: string;
  /** The TOPs; null where the reader may not see the agenda (the public). */
  agenda: readonly { title: string; presenter: string | null }[] | null;
  /** Null where the reader may not see it (the public). */
  onlineUrl: string | null;
  /** Only for readers who may see it (members), and only for a cancelled meeting. */
  cancelReason?: string | null;
  /** Only in a person's own feed. */
  own?: { answer: RsvpAnswer | null; role: MembershipRole };
}

/**
 * describeMeeting: the DESCRIPTION of a calendar entry. Many calendar apps show neither URL nor
 * ATTENDEE, so what a member needs (their own reply, the agenda, the links) is written out here.
 */
export function describeMeeting(t: Translate, d: MeetingDescription): string {
  const parts: string[] = [];
  if (d.cancelReason) parts.push(t('calendar.entry.cancelled', { reason: d.cancelReason }));
  if (d.own) {
    const answer = d.own.answer ? t(`answer.${d.own.answer}`) : t('calendar.entry.noAnswer');
    parts.push(`${t('calendar.entry.answer', { answer })}\n${t('calendar.entry.role', { role: t(`membershipRole.${d.own.role}`) })}`);
  }
  if (d.agenda?.length) parts.push(`${t('calendar.entry.agenda')}\n${agendaLines(t, d.agenda).join('\n')}`);
  const links = [d.onlineUrl ? t('calendar.entry.online', { url: d.onlineUrl }) : null, t('calendar.entry.page', { url: d.pageUrl })];
  parts.push(links.filter(Boolean).join('\n'));
  return parts.join('\n\n');
}

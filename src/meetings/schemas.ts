import { z } from 'zod';
import { requiredText } from '../http/schemas.js';
import { isDay } from '../lib/days.js';
import { resolveBerlinTime } from '../lib/berlin-time.js';

// Form rules of meetings and agenda items. Messages are catalogue keys.

const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').optional().transform((v) => v || undefined);
const clock = z.string({ error: 'field.required' }).trim().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'meetings.time');
const day = z.string({ error: 'field.required' }).trim().refine(isDay, 'field.date');

/** What a single meeting and every meeting of a series have in common: times, place, agenda default. */
const commonFields = {
  start_time: clock,
  end_time: clock,
  location: optionalText(300),
  room: optionalText(200),
  online_url: z
    .string()
    .trim()
    .max(1000, 'field.tooLong')
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), 'meetings.onlineUrl'),
  default_agenda: z.literal('on').optional(),
};

export const meetingSchema = z
  .object({
    title: requiredText(300),
    day,
    ...commonFields,
  })
  .transform((v, ctx) => {
    const instant = (field: 'start_time' | 'end_time') => {
      const resolved = resolveBerlinTime(v.day, v[field]);
      if ('at' in resolved) return resolved.at;
      ctx.addIssue({ code: 'custom', path: [field], message: resolved.problem === 'missing' ? 'meetings.noSuchTime' : 'meetings.ambiguousTime' });
      return null;
    };
    const starts_at = instant('start_time');
    const ends_at = instant('end_time');
    if (starts_at && ends_at && ends_at <= starts_at) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'meetings.endBeforeStart' });
    return { ...v, starts_at: starts_at ?? '', ends_at: ends_at ?? '' };
  });

const choice = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]], { error: 'field.choose' });

/** A series: the rule, the period (at most two years) and what every meeting of it has in common. */
export const seriesSchema = z
  .object({
    title: requiredText(300),
    kind: choice(['monthly', 'weekly'] as const),
    ordinal: choice(['1', '2', '3', '4', '-1'] as const).optional(),
    weekday: choice(['1', '2', '3', '4', '5', '6', '7'] as const),
    interval_weeks: z
      .string()
      .optional()
      .refine((v) => !v || (/^[0-9]{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 12), 'series.interval'),
    /** Monthly: every 1, 2, 3 or 6 months (none given: every month). */
    interval_months: choice(['1', '2', '3', '6'] as const).optional(),
    /** A date on a public holiday: skipped (none given) or moved to the next working day. */
    holidays: choice(['skip', 'move'] as const).optional(),
    /** The breaks of the district and the group: skipped (none given) or ignored. */
    breaks: choice(['skip', 'ignore'] as const).optional(),
    from: day,
    until: day,
    ...commonFields,
  })
  .superRefine((v, ctx) => {
    if (v.until < v.from) ctx.addIssue({ code: 'custom', path: ['until'], message: 'members.untilBeforeFrom' });
    else if (Date.parse(v.until) - Date.parse(v.from) > 2 * 366 * 24 * 3600 * 1000) ctx.addIssue({ code: 'custom', path: ['until'], message: 'series.tooLong' });
    if (v.end_time <= v.start_time) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'meetings.endBeforeStart' });
    if (v.kind === 'monthly' && !v.ordinal) ctx.addIssue({ code: 'custom', path: ['ordinal'], message: 'field.choose' });
    if (v.kind === 'weekly' && !v.interval_weeks) ctx.addIssue({ code: 'custom', path: ['interval_weeks'], message: 'series.interval' });
  });

export type SeriesForm = z.infer<typeof seriesSchema>;

export const agendaSchema = z.object({
  title: requiredText(300),
  description: optionalText(5000),
  presenter: optionalText(200),
  planned_minutes: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (/^[0-9]{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 600), 'meetings.minutes')
    .transform((v) => (v ? Number(v) : undefined)),
});

/** Cancelling: the reason, and whether the invited are told at once (the box is ticked by default). */
export const cancelSchema = z.object({ reason: requiredText(1000), notify: z.literal('on', { error: 'field.choose' }).optional() });

export const guestSchema = z.object({ name: requiredText(200), organisation: optionalText(300) });

export const replySchema = z
  .object({
    answer: z.enum(['accepted', 'declined', 'tentative'], { error: 'rsvp.choose' }),
    comment: optionalText(1000),
    substitute: optionalText(200),
    // With an address the substitute is invited in the member's place (src/meetings/substitutes.ts).
    substitute_email: z
      .string()
      .trim()
      .max(320, 'field.tooLong')
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || z.email().safeParse(v).success, 'field.email'),
    // A colleague picked from the list (src/meetings/substitutes.ts, listColleagues): their person id.
    substitute_colleague: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || /^[1-9]\d{0,9}$/.test(v), 'field.choose')
      .transform((v) => (v === undefined ? undefined : Number(v))),
  })
  .superRefine((v, ctx) => {
    if (v.substitute_colleague !== undefined) {
      if (v.answer !== 'declined') ctx.addIssue({ code: 'custom', path: ['substitute_colleague'], message: 'rsvp.substituteOnlyDeclined' });
      if (v.substitute_email) ctx.addIssue({ code: 'custom', path: ['substitute_colleague'], message: 'rsvp.substituteEitherOr' });
      return;
    }
    if (!v.substitute_email) return;
    if (!v.substitute) ctx.addIssue({ code: 'custom', path: ['substitute'], message: 'rsvp.substituteNeedsName' });
    if (v.answer !== 'declined') ctx.addIssue({ code: 'custom', path: ['substitute_email'], message: 'rsvp.substituteOnlyDeclined' });
  });

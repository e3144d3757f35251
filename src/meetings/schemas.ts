import { z } from 'zod';
import { requiredText } from '../http/schemas.js';
import { isDay } from '../lib/days.js';
import { berlinToInstant } from './time.js';

// Form rules of meetings and agenda items. Messages are catalogue keys.

const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').optional().transform((v) => v || undefined);
const clock = z.string({ error: 'field.required' }).trim().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'meetings.time');

export const meetingSchema = z
  .object({
    title: requiredText(300),
    day: z.string({ error: 'field.required' }).trim().refine(isDay, 'field.date'),
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
  })
  .transform((v, ctx) => {
    const starts_at = berlinToInstant(v.day, v.start_time);
    const ends_at = berlinToInstant(v.day, v.end_time);
    if (!starts_at) ctx.addIssue({ code: 'custom', path: ['start_time'], message: 'meetings.noSuchTime' });
    if (!ends_at) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'meetings.noSuchTime' });
    if (starts_at && ends_at && ends_at <= starts_at) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'meetings.endBeforeStart' });
    return { ...v, starts_at: starts_at ?? '', ends_at: ends_at ?? '' };
  });

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

export const cancelSchema = z.object({ reason: requiredText(1000) });

export const guestSchema = z.object({ name: requiredText(200), organisation: optionalText(300) });

export const replySchema = z.object({
  answer: z.enum(['accepted', 'declined', 'tentative'], { error: 'rsvp.choose' }),
  comment: optionalText(1000),
  substitute: optionalText(200),
});

import { z } from 'zod';
import { requiredText } from '../http/schemas.js';
import { resolveBerlinTime } from '../lib/berlin-time.js';
import { isDay } from '../lib/days.js';
import type { PollAnswer } from '../db/schema.js';
import { MAX_OPTIONS, MIN_OPTIONS } from './polls.js';

// Form rules of date polls. Messages are catalogue keys. The form has MAX_OPTIONS rows of a day, a
// start and an end; a row without a day is left out (the first rows come with default times), and at least MIN_OPTIONS rows must be filled.

const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').optional().transform((v) => v || undefined);
const clock = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const OPTION_ROWS = Array.from({ length: MAX_OPTIONS }, (_, i) => i + 1);

const rowFields = Object.fromEntries(OPTION_ROWS.flatMap((i) => [`day_${i}`, `start_${i}`, `end_${i}`].map((k) => [k, z.string().trim().optional()])));

export const pollSchema = z
  .object({ title: requiredText(300), location: optionalText(300), note: optionalText(2000), ...rowFields })
  .transform((v, ctx) => {
    const row = v as Record<string, string | undefined>;
    const options: { starts_at: string; ends_at: string }[] = [];
    let problems = 0;
    const issue = (path: string, message: string) => {
      problems++;
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    for (const i of OPTION_ROWS) {
      const day = row[`day_${i}`];
      const start = row[`start_${i}`];
      const end = row[`end_${i}`];
      // A row without a day is left out (its times may be the form's defaults).
      if (!day) continue;
      if (!isDay(day)) {
        issue(`day_${i}`, 'field.date');
        continue;
      }
      const instant = (field: string, time: string | undefined) => {
        if (!time || !clock.test(time)) {
          issue(field, 'meetings.time');
          return null;
        }
        const resolved = resolveBerlinTime(day, time);
        if ('at' in resolved) return resolved.at;
        issue(field, resolved.problem === 'missing' ? 'meetings.noSuchTime' : 'meetings.ambiguousTime');
        return null;
      };
      const starts_at = instant(`start_${i}`, start);
      const ends_at = instant(`end_${i}`, end);
      if (starts_at && ends_at && ends_at <= starts_at) issue(`end_${i}`, 'meetings.endBeforeStart');
      else if (starts_at && ends_at) options.push({ starts_at, ends_at });
    }
    if (options.length < MIN_OPTIONS && problems === 0) issue('day_1', 'polls.tooFewDates');
    return { title: v.title, location: v.location, note: v.note, options };
  });

/** answersFrom: the answers `answer_<optionId>` of a posted form, for the poll's dates only; null when one is not yes/maybe/no. */
export function answersFrom(form: Record<string, unknown>, optionIds: number[]): Map<number, PollAnswer> | null {
  const answers = new Map<number, PollAnswer>();
  for (const id of optionIds) {
    const value = form[`answer_${id}`];
    if (value === undefined || value === '') continue;
    if (value !== 'yes' && value !== 'maybe' && value !== 'no') return null;
    answers.set(id, value);
  }
  return answers;
}

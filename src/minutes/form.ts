import type { FieldErrors } from '../http/forms.js';
import { isDay } from '../lib/days.js';
import type { MinutesInput } from './minutes.js';
import { parseResolution } from './comments.js';

/**
 * The minutes editor's fields, one set per TOP:
 *   notes_<item>                          the notes
 *   decision_<item>_<k>_text|_yes|_no|_abstain
 *   action_<item>_<k>_id|_description|_person|_organisation|_due
 * and one set per member's comment shown while revising:
 *   comment_<id>_resolution|_note         open, worked_in or not_taken, and a note (a reason for not_taken)
 * Rows with an empty text are left out (the form always offers one empty row per TOP).
 */
export type RawForm = Record<string, string>;

const count = (v: string | undefined) => (v && v.trim() ? Number(v) : undefined);

/** parseMinutesForm: the input, or the messages per field. `people` are the ids that may be responsible. */
export function parseMinutesForm(raw: RawForm, itemIds: number[], people: Set<number>): { input: MinutesInput; version: number } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: MinutesInput = { minute_taker: raw.minute_taker?.slice(0, 200), notes: new Map(), decisions: [], actions: [] };
  if ((raw.minute_taker ?? '').length > 200) errors.minute_taker = 'field.tooLong';
  const version = Number(raw.version);
  if (!Number.isInteger(version) || version < 0) errors._form = 'error.badRequest.text';
  for (const item of itemIds) {
    const notes = raw[`notes_${item}`] ?? '';
    if (notes.length > 20_000) errors[`notes_${item}`] = 'field.tooLong';
    input.notes.set(item, notes);
    for (let k = 0; raw[`decision_${item}_${k}_text`] !== undefined; k++) {
      const key = `decision_${item}_${k}`;
      const text = raw[`${key}_text`]!.trim();
      if (!text) continue;
      if (text.length > 2000) errors[`${key}_text`] = 'field.tooLong';
      const votes = (['yes', 'no', 'abstain'] as const).map((v) => raw[`${key}_${v}`]);
      votes.forEach((v, i) => {
        if (v && !/^[0-9]{1,3}$/.test(v.trim())) errors[`${key}_${['yes', 'no', 'abstain'][i]}`] = 'minutes.votes';
      });
      input.decisions.push({ agendaItemId: item, text, yes: count(votes[0]), no: count(votes[1]), abstain: count(votes[2]) });
    }
    for (let k = 0; raw[`action_${item}_${k}_description`] !== undefined; k++) {
      const key = `action_${item}_${k}`;
      const description = raw[`${key}_description`]!.trim();
      if (!description) continue;
      if (description.length > 2000) errors[`${key}_description`] = 'field.tooLong';
      const id = raw[`${key}_id`];
      const person = raw[`${key}_person`];
      const due = raw[`${key}_due`]?.trim();
      const organisation = raw[`${key}_organisation`]?.trim();
      if (person && !people.has(Number(person))) errors[`${key}_person`] = 'field.choose';
      if (due && !isDay(due)) errors[`${key}_due`] = 'field.date';
      if (organisation && organisation.length > 300) errors[`${key}_organisation`] = 'field.tooLong';
      if (id && !/^[1-9][0-9]{0,8}$/.test(id)) errors._form = 'error.badRequest.text';
      input.actions.push({ id: id ? Number(id) : undefined, agendaItemId: item, description, personId: person ? Number(person) : undefined, organisation: organisation || undefined, dueOn: due || undefined });
    }
  }
  for (const key of Object.keys(raw)) {
    const id = /^comment_([1-9][0-9]{0,8})_resolution$/.exec(key)?.[1];
    if (!id) continue;
    const choice = parseResolution(raw[key], raw[`comment_${id}_note`]);
    if ('error' in choice) errors[choice.error === 'field.choose' ? key : `comment_${id}_note`] = choice.error;
    else (input.comments ??= new Map()).set(Number(id), choice);
  }
  return Object.keys(errors).length ? { errors } : { input, version };
}

import { zValidator } from '@hono/zod-validator';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { z } from 'zod';
import type { MessageKey } from '../i18n/index.js';
import type { AppEnv } from './env.js';
import { CONTROL_CHARACTERS } from './schemas.js';

/** Field errors of a form: field name → catalogue key of the message shown next to the field. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

/**
 * fieldErrors turns a zod error into one message per field. Schemas use catalogue keys as their
 * messages, so the same schema serves every UI language.
 */
export function fieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}

/**
 * formValues keeps what the person typed (or the parsed input) as strings to fill the re-rendered form,
 * without control characters: a refused form is shown again, and some pages search with what it held.
 */
export function formValues(raw: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || typeof v === 'number') values[k] = String(v).replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), '');
  }
  return values;
}

/**
 * readForm: the posted form, or a German 400 when the body cannot be read (a broken or aborted upload):
 * an HTTPException that the app's error handler turns into the 400 page.
 */
export async function readForm(c: Context, options?: { all?: boolean }): Promise<Record<string, string | File | (string | File)[]>> {
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody(options ?? {});
  } catch {
    throw new HTTPException(400, { message: 'malformed form' });
  }
  // Nothing a person types contains control characters, and PostgreSQL cannot store NUL: refused here
  // once for every handler that reads the form itself (minutes, comments, imports).
  if (controlCharacterFields(body).length) throw new HTTPException(400, { message: 'control characters' });
  return body;
}

/** controlCharacterFields: the text fields of a form that contain control characters (tab and line breaks aside). */
export function controlCharacterFields(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body)
    .filter(([, v]) => (Array.isArray(v) ? v : [v]).some((item) => typeof item === 'string' && CONTROL_CHARACTERS.test(item)))
    .map(([k]) => k);
}

type InvalidFormHandler = (c: Context<AppEnv>, values: Record<string, string>, errors: FieldErrors) => Response | Promise<Response>;

/**
 * validForm validates a posted form with a zod schema. When it fails, the page is rendered again by
 * `onInvalid` with what was typed and a message per field, with status 422; nothing is stored.
 */
export function validForm<T extends z.ZodType>(schema: T, onInvalid: InvalidFormHandler) {
  // Control characters are refused in every field before the form's own rules, so that no optional
  // text field can store a NUL byte (PostgreSQL refuses it with an error, SQLite keeps it).
  const guarded = z
    .any()
    .superRefine((form, ctx) => {
      for (const field of controlCharacterFields(form)) ctx.addIssue({ code: 'custom', path: [field], message: 'field.controlCharacters' });
    })
    .pipe(schema);
  return zValidator('form', guarded, (result, c) => {
    if (result.success) return;
    // The pipe stops at the control characters; the form's own rules are asked too, so that every
    // field's message shows at once rather than one round after the other.
    const rules = schema.safeParse(result.data);
    const errors = rules.success ? fieldErrors(result.error) : { ...fieldErrors(rules.error), ...fieldErrors(result.error) };
    c.status(422);
    return onInvalid(c as unknown as Context<AppEnv>, formValues(result.data), errors);
  });
}

import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords.js';

// Field rules shared by several forms. Messages are catalogue keys (see http/forms.ts).

/** normalizeEmail: the form in which e-mail addresses are compared and kept unique. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailField = z
  .string({ error: 'field.required' })
  .trim()
  .min(1, 'field.required')
  .max(320, 'field.tooLong')
  .pipe(z.email({ error: 'field.email' }));

/** Control characters other than tab and line breaks: nothing a person types, and NUL breaks PostgreSQL. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const requiredText = (max: number) =>
  z.string({ error: 'field.required' }).trim().min(1, 'field.required').max(max, 'field.tooLong').refine((v) => !CONTROL_CHARACTERS.test(v), 'field.controlCharacters');

/** optionalText: a trimmed text of at most `max` characters; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'field.tooLong')
    .refine((v) => !CONTROL_CHARACTERS.test(v), 'field.controlCharacters')
    .transform((v) => v || null);

export const newPasswordFields = {
  password: z
    .string({ error: 'field.required' })
    .min(PASSWORD_MIN_LENGTH, 'password.tooShort')
    .max(PASSWORD_MAX_LENGTH, 'password.tooLong'),
  password_confirm: z.string({ error: 'field.required' }),
};

/** passwordsMatch is the refinement for forms with newPasswordFields. */
export function passwordsMatch(v: { password: string; password_confirm: string }, ctx: z.RefinementCtx): void {
  if (v.password !== v.password_confirm) ctx.addIssue({ code: 'custom', path: ['password_confirm'], message: 'password.mismatch' });
}

import { z } from 'zod';
import { honeypotSchema } from '../http/public-form.js';
import { CONTROL_CHARACTERS, emailField, requiredText } from '../http/schemas.js';

// Form rules of the advice requests (the public form and the staff's actions). Messages are catalogue keys.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'field.tooLong')
    .refine((v) => !CONTROL_CHARACTERS.test(v), 'field.controlCharacters')
    .optional()
    .transform((v) => v || undefined);

/** One line: names go into mail subjects and the work queue. */
const oneLine = (max: number) => requiredText(max).transform((v) => v.replace(/\s+/g, ' '));

/** The public form on a programme's page. */
export const requestSchema = z.object({
  organisation: oneLine(300),
  contact_name: oneLine(200),
  email: emailField,
  phone: z
    .string()
    .trim()
    .max(50, 'field.tooLong')
    .regex(/^[0-9+()/\- ]*$/, 'advice.form.phoneInvalid')
    .optional()
    .transform((v) => v || undefined),
  idea: requiredText(5000),
  question: requiredText(5000),
  consent: z.literal('on', { error: 'advice.form.consentRequired' }),
  ...honeypotSchema,
});
export type RequestInput = z.infer<typeof requestSchema>;

const id = (message: string) =>
  z
    .string({ error: message })
    .refine((v) => /^[1-9][0-9]{0,8}$/.test(v), message)
    .transform(Number);

/** Assigning: one of the staff (checked against the list in the route). */
export const assignSchema = z.object({ user_id: id('advice.assign.required') });

/** An answer by mail: subject on one line, the text. */
export const answerSchema = z.object({ subject: oneLine(300), text: requiredText(20000) });
export type AnswerInput = z.infer<typeof answerSchema>;

/** Closing: an optional note for the colleagues (why, what came of it). */
export const closeSchema = z.object({ note: optionalText(2000) });

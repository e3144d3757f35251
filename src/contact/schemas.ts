import { z } from 'zod';
import { emailField, requiredText } from '../http/schemas.js';
import { honeypotSchema } from '../http/public-form.js';
import { optionalEmail, personFields } from '../people/schemas.js';

// Form rules of the contact page and its editing. Messages are catalogue keys.

const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').optional().transform((v) => v || undefined);
const id = z
  .string({ error: 'contact.form.topicRequired' })
  .refine((v) => /^[1-9][0-9]{0,8}$/.test(v), 'contact.form.topicRequired')
  .transform(Number);

/** The public contact form. The name goes into the mail's subject: one line. */
export const messageSchema = z.object({
  topic: id,
  name: requiredText(200).transform((v) => v.replace(/\s+/g, ' ')),
  email: emailField,
  message: requiredText(5000),
  consent: z.literal('on', { error: 'contact.form.consentRequired' }),
  ...honeypotSchema,
});
export type MessageInput = z.infer<typeof messageSchema>;

/** A topic: its title and, optionally, its own mailbox (else the office's functional address). */
export const topicSchema = z.object({
  title: requiredText(200),
  email: optionalEmail,
});
export type TopicInput = z.infer<typeof topicSchema>;

/** A contact person: at least a name; function, phone, e-mail and tasks as the office publishes them. */
export const contactPersonSchema = z.object({
  name: requiredText(200),
  job_function: optionalText(200),
  phone: personFields.phone,
  email: optionalEmail,
  tasks: optionalText(2000),
});
export type ContactPersonInput = z.infer<typeof contactPersonSchema>;

export const moveSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'field.choose' }) });

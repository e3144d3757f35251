import { z } from 'zod';
import { requiredText } from '../http/schemas.js';

// Form rules for people. Messages are catalogue keys.

const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').optional().transform((v) => v || undefined);

export const optionalEmail = z
  .string()
  .trim()
  .max(320, 'field.tooLong')
  .optional()
  .refine((v) => !v || z.email().safeParse(v).success, 'field.email')
  .transform((v) => v || undefined);

export const personFields = {
  name: requiredText(200),
  email: optionalEmail,
  phone: z
    .string()
    .trim()
    .max(50, 'field.tooLong')
    .regex(/^[0-9+()/\- ]*$/, 'field.phone')
    .optional()
    .transform((v) => v || undefined),
  job_function: optionalText(200),
  organisation: optionalText(300),
  city_id: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9][0-9]{0,8}$/.test(v), 'field.choose')
    .transform((v) => (v ? Number(v) : undefined)),
};

export const personSchema = z.object(personFields);

export const roleField = z.enum(['member', 'secretariat', 'admin'], { error: 'field.choose' });

export const newPersonSchema = z.object({
  ...personFields,
  create_account: z.literal('on').optional(),
  role: roleField.optional(),
});

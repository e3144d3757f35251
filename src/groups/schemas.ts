import { z } from 'zod';
import { requiredText } from '../http/schemas.js';
import { isDay } from '../lib/days.js';

// Form rules for groups and memberships. Messages are catalogue keys.

export const groupSchema = z.object({
  name: requiredText(200),
  slug: z
    .string()
    .trim()
    .max(80, 'field.tooLong')
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'field.slug')
    // "new" is the address of the form that creates a group.
    .refine((v) => v !== 'new', 'groups.duplicateSlug')
    .optional()
    .transform((v) => v || undefined),
  kind: z.enum(['internal', 'external'], { error: 'field.choose' }),
  description: z.string().max(5000, 'field.tooLong').optional().transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim()),
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'field.colour')
    .optional()
    .transform((v) => (v ?? '#0b5394').toLowerCase()),
  dates_public: z.literal('on').optional(),
});

const day = z.string().trim().refine(isDay, 'field.date');
const optionalDay = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isDay(v), 'field.date')
  .transform((v) => v || undefined);

export const addMemberSchema = z
  .object({
    person: z.string({ error: 'field.required' }).trim().max(320, 'field.tooLong'),
    person_id: z
      .string()
      .optional()
      .refine((v) => !v || /^[1-9][0-9]{0,8}$/.test(v), 'field.choose')
      .transform((v) => (v ? Number(v) : undefined)),
    new_name: z.string().trim().max(200, 'field.tooLong').optional().transform((v) => v || undefined),
    role: z.enum(['chair', 'deputy', 'organiser', 'member', 'guest'], { error: 'field.choose' }),
    organisation: z.string().trim().max(300, 'field.tooLong').optional().transform((v) => v || undefined),
    starts_on: day,
    ends_on: optionalDay,
    q: z.string().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.person && !v.person_id) ctx.addIssue({ code: 'custom', path: ['person'], message: 'field.required' });
    if (v.ends_on && v.ends_on < v.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'members.untilBeforeFrom' });
  });

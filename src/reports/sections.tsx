import type { Context } from 'hono';
import { FieldsSection } from '../../views/reports/tags.js';
import type { AppEnv } from '../http/env.js';
import { fieldLabels, fieldOptions, tagsOf } from './tags.js';

/**
 * The fields of action as they show on the group and meeting pages (the pages call these once each):
 * labels, and the edit link for those who may edit them (decided by the caller with ./access.ts).
 */
export async function groupFieldsSection(c: Context<AppEnv>, groupId: number, slug: string, mayEdit: boolean) {
  const [options, tags] = await Promise.all([fieldOptions(c.var.db, c.var.locale), tagsOf(c.var.db, 'group_fields', [groupId])]);
  return <FieldsSection t={c.var.t} fields={fieldLabels(options, tags.get(groupId) ?? [])} editHref={mayEdit ? `/groups/${slug}/fields` : undefined} />;
}

/** A meeting without fields of its own says that the report counts its group's (nothing is copied). */
export async function meetingFieldsSection(c: Context<AppEnv>, meetingId: number, mayEdit: boolean) {
  const [options, tags] = await Promise.all([fieldOptions(c.var.db, c.var.locale), tagsOf(c.var.db, 'meeting_fields', [meetingId])]);
  return <FieldsSection t={c.var.t} fields={fieldLabels(options, tags.get(meetingId) ?? [])} inherited editHref={mayEdit ? `/meetings/${meetingId}/fields` : undefined} />;
}

import { Hono, type Context } from 'hono';
import { TagFormPage, type TagFormProps } from '../../views/reports/tags.js';
import type { AppEnv } from '../http/env.js';
import { redirectWithFlash } from '../http/flash.js';
import { readForm } from '../http/forms.js';
import { withGroup, withMeeting } from '../meetings/load.js';
import { listAgenda, type MeetingWithGroup } from '../meetings/meetings.js';
import type { VisibleGroup } from '../groups/groups.js';
import { GROUP_FIELDS_ACCESS, MEETING_FIELDS_ACCESS } from './access.js';
import { fieldOptions, parseIds, saveGroupFields, saveMeetingFields, tagsOf, UnknownFieldError } from './tags.js';

const SLUG = ':slug{[a-z0-9-]{1,80}}';
const ID = ':id{[1-9][0-9]{0,8}}';

async function groupForm(c: Context<AppEnv>, vg: VisibleGroup, checked?: number[], error?: string) {
  const t = c.var.t;
  const [options, tags] = await Promise.all([fieldOptions(c.var.db, c.var.locale), tagsOf(c.var.db, 'group_fields', [vg.group.id])]);
  const title = t('reports.tags.groupTitle', { name: vg.group.name });
  const props: TagFormProps = {
    t,
    title,
    lead: t('reports.tags.groupLead'),
    action: `/groups/${vg.group.slug}/fields`,
    cancel: `/groups/${vg.group.slug}`,
    options,
    own: { legend: t('reports.tags.heading'), checked: checked ?? tags.get(vg.group.id) ?? [] },
    error,
  };
  return c.render(<TagFormPage {...props} />, { title });
}

async function meetingForm(c: Context<AppEnv>, m: MeetingWithGroup, posted?: { meeting: number[]; items: Map<number, number[]> }, error?: string) {
  const t = c.var.t;
  const [options, items] = await Promise.all([fieldOptions(c.var.db, c.var.locale), listAgenda(c.var.db, m.id)]);
  const [own, itemTags] = await Promise.all([tagsOf(c.var.db, 'meeting_fields', [m.id]), tagsOf(c.var.db, 'agenda_item_fields', items.map((i) => i.id))]);
  const title = t('reports.tags.meetingTitle', { name: m.title });
  const props: TagFormProps = {
    t,
    title,
    lead: t('reports.tags.meetingLead'),
    action: `/meetings/${m.id}/fields`,
    cancel: `/meetings/${m.id}`,
    options,
    own: { legend: t('reports.tags.meetingLegend'), checked: posted?.meeting ?? own.get(m.id) ?? [] },
    items: items.map((i) => ({ id: i.id, legend: t('reports.tags.itemLegend', { position: i.position, title: i.title }), checked: posted?.items.get(i.id) ?? itemTags.get(i.id) ?? [] })),
    error,
  };
  return c.render(<TagFormPage {...props} />, { title });
}

/** The posted lists, forgiving nothing: a value that is no id is an unknown field of its group. */
function postedIds(body: Record<string, unknown>, name: string): number[] | UnknownFieldError {
  try {
    return parseIds(body[name], name);
  } catch (err) {
    if (err instanceof UnknownFieldError) return err;
    throw err;
  }
}

/** Editing the fields of action of a group (as its edit form: the staff) and of a meeting with its agenda (its managers). */
export const tagRoutes = new Hono<AppEnv>()
  .get(`/groups/${SLUG}/fields`, (c) => withGroup(c, GROUP_FIELDS_ACCESS, (vg) => groupForm(c, vg)))
  .post(`/groups/${SLUG}/fields`, (c) =>
    withGroup(c, GROUP_FIELDS_ACCESS, async (vg) => {
      const body = await readForm(c, { all: true });
      const ids = postedIds(body, 'fields');
      try {
        if (ids instanceof UnknownFieldError) throw ids;
        await saveGroupFields(c.var.db, c.var.user!, vg.group.id, ids, c.var.now());
      } catch (err) {
        if (!(err instanceof UnknownFieldError)) throw err;
        c.status(422);
        return groupForm(c, vg, ids instanceof UnknownFieldError ? [] : ids, err.target);
      }
      return redirectWithFlash(c, `/groups/${vg.group.slug}`, 'success', 'reports.tags.saved');
    }),
  )
  .get(`/meetings/${ID}/fields`, (c) => withMeeting(c, MEETING_FIELDS_ACCESS, (m) => meetingForm(c, m)))
  .post(`/meetings/${ID}/fields`, (c) =>
    withMeeting(c, MEETING_FIELDS_ACCESS, async (m) => {
      const body = await readForm(c, { all: true });
      const items = await listAgenda(c.var.db, m.id);
      const wanted = { meeting: [] as number[], items: new Map<number, number[]>() };
      try {
        const own = postedIds(body, 'fields');
        if (own instanceof UnknownFieldError) throw own;
        wanted.meeting = own;
        for (const item of items) {
          const ids = postedIds(body, `item-${item.id}`);
          if (ids instanceof UnknownFieldError) throw ids;
          wanted.items.set(item.id, ids);
        }
        await saveMeetingFields(c.var.db, c.var.user!, m.id, wanted, c.var.now());
      } catch (err) {
        if (!(err instanceof UnknownFieldError)) throw err;
        c.status(422);
        return meetingForm(c, m, wanted, err.target);
      }
      return redirectWithFlash(c, `/meetings/${m.id}`, 'success', 'reports.tags.saved');
    }),
  );

import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { InvitePage, type InvitePageProps } from '../../views/meetings/invite.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors } from '../http/forms.js';
import { pdfFileName } from '../pdf/document.js';
import { checkSendForm, previewMail, sendPlan, sendSchema, type SendForm } from './invitation-send.js';
import { inviteMembers, type InvitationOptions } from './invitations.js';
import { withMeeting } from './load.js';
import type { MeetingWithGroup } from './meetings.js';
import { invitationContext } from './routes.js';
import { alreadyStarted, hasStarted } from './started.js';

const ID = ':id{[1-9][0-9]{0,8}}';

/** The send form as field values (a failed form keeps what was typed and ticked). */
function valuesOf(form: Partial<Record<keyof SendForm, unknown>>): InvitePageProps['values'] {
  const files = form.files === undefined ? [] : (Array.isArray(form.files) ? form.files : [form.files]).map(String);
  return { note: String(form.note ?? ''), reply_by: String(form.reply_by ?? ''), files, attach_pdf: form.attach_pdf === 'on' };
}

async function renderInvite(c: Context<AppEnv>, m: MeetingWithGroup, values: InvitePageProps['values'], errors?: FieldErrors, preview?: InvitePageProps['preview']) {
  const plan = await sendPlan(c.var.db, m, c.var.now());
  const title = `${c.var.t('sendInvite.title')}: ${m.title}`;
  return c.render(<InvitePage t={c.var.t} fmt={c.var.fmt} meeting={m} plan={plan} values={values} errors={errors} preview={preview} />, { title });
}

/** The rules every step shares: only before the meeting, never for a cancelled one. */
function closed(c: Context<AppEnv>, m: MeetingWithGroup): Response | Promise<Response> | null {
  if (m.status === 'cancelled') return renderError(c, 403);
  if (hasStarted(c, m)) return alreadyStarted(c, 'meetings.startedNoInvite');
  return null;
}

const confirmSchema = sendSchema.extend({ confirmed: z.literal('1').optional() });

/**
 * /meetings/:id/invite: the invitation before it goes out (note, deadline, attachments), its preview
 * with the confirmation, and the send. A POST without `confirmed` (the old one-click form) sends with
 * what the meeting has stored and the PDF attached.
 */
export const inviteRoutes = new Hono<AppEnv>()
  .get(`/meetings/${ID}/invite`, (c) =>
    withMeeting(c, 'manager', (m) => closed(c, m) ?? renderInvite(c, m, { note: m.invitation_note ?? '', reply_by: m.reply_by ?? '', files: [], attach_pdf: true })),
  )
  .post(
    `/meetings/${ID}/invite/preview`,
    validForm(sendSchema, (c, values, errors) => withMeeting(c, 'manager', (m) => closed(c, m) ?? renderInvite(c, m, valuesOf(values), errors))),
    (c) =>
      withMeeting(c, 'manager', async (m) => {
        const stop = closed(c, m);
        if (stop) return stop;
        const form = c.req.valid('form');
        const errors = await checkSendForm(c.var.db, m, form, c.var.now());
        if (Object.keys(errors).length) {
          c.status(422);
          return renderInvite(c, m, valuesOf(form), errors as FieldErrors);
        }
        const plan = await sendPlan(c.var.db, m, c.var.now());
        const mail = await previewMail(c.var.db, m, form, plan.recipients[0]?.name ?? '…', invitationContext(c));
        const files = plan.documents.filter((d) => form.files.includes(d.id)).map((d) => d.name);
        const attachments = ['sitzung.ics', ...(form.attach_pdf ? [pdfFileName('Einladung', m).ascii] : []), ...files];
        return renderInvite(c, m, valuesOf(form), undefined, { ...mail, attachments });
      }),
  )
  .post(
    `/meetings/${ID}/invite`,
    validForm(confirmSchema, (c, values, errors) => withMeeting(c, 'manager', (m) => closed(c, m) ?? renderInvite(c, m, valuesOf(values), errors))),
    (c) =>
      withMeeting(c, 'manager', async (m) => {
        const stop = closed(c, m);
        if (stop) return stop;
        const form = c.req.valid('form');
        let options: InvitationOptions = {};
        if (form.confirmed) {
          const errors = await checkSendForm(c.var.db, m, form, c.var.now());
          if (Object.keys(errors).length) {
            c.status(422);
            return renderInvite(c, m, valuesOf(form), errors as FieldErrors);
          }
          options = { note: form.note || null, replyBy: form.reply_by || null, fileIds: form.files, attachPdf: form.attach_pdf === 'on' };
        }
        const invited = await inviteMembers(c.var.db, c.var.user!, m.id, invitationContext(c), options);
        return redirectWithFlash(c, `/meetings/${m.id}`, invited ? 'success' : 'info', invited ? 'invitation.sent' : 'invitation.nobody');
      }),
  );

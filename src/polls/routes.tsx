import { Hono, type Context } from 'hono';
import { PollFormPage } from '../../views/polls/new.js';
import { PollListPage } from '../../views/polls/list.js';
import { PollPage } from '../../views/polls/poll.js';
import { PollLinkDonePage, PollLinkInvalidPage, PollLinkPage } from '../../views/polls/link.js';
import { ErrorPage } from '../../views/errors.js';
import { requireUser } from '../auth/middleware.js';
import { findGroupForViewer, type VisibleGroup } from '../groups/groups.js';
import type { AppEnv } from '../http/env.js';
import type { MessageKey } from '../i18n/index.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { readForm, validForm, type FieldErrors } from '../http/forms.js';
import { today } from '../lib/berlin-time.js';
import { withGroup } from '../meetings/load.js';
import { mayAnswerPoll, mayCreatePoll, mayManagePoll, maySeePoll, POLL_MANAGE_ACCESS } from './access.js';
import { checkPollLink, closePoll, createPoll, currentMembers, findPoll, fixPoll, isCurrentMember, listAnswers, listGroupPolls, listOptions, recordAnswers, type PollWithGroup } from './polls.js';
import { answersFrom, pollSchema } from './schemas.js';

const ID = ':id{[1-9][0-9]{0,8}}';
const SLUG = ':slug{[a-z0-9-]{1,80}}';
const TOKEN = ':token{[a-z2-7]{24}\\.[a-z2-7]{24}}';

/**
 * withPoll loads the poll the URL names and checks the viewer's access to its group: invisible or no
 * member → 404 for outsiders of an internal group (as the group), 403 when the group is visible but the
 * poll is not theirs to see or manage; visitors are sent to sign in.
 */
async function withPoll(c: Context<AppEnv>, manage: boolean, then: (p: PollWithGroup, vg: VisibleGroup) => Response | Promise<Response>) {
  const poll = await findPoll(c.var.db, Number(c.req.param('id')));
  const vg = poll && (await findGroupForViewer(c.var.db, c.var.user, poll.group_slug, today(c.var.now())));
  const allowed = vg && (manage ? mayManagePoll(vg.access) : maySeePoll(vg.access));
  if (!c.var.user) return requireUser(c, async () => undefined) as Promise<Response>;
  if (!poll || !vg || !allowed) return renderError(c, vg ? 403 : 404);
  return then(poll, vg);
}

function conflict(c: Context<AppEnv>) {
  c.status(409);
  return c.render(<ErrorPage t={c.var.t} title="polls.notOpenTitle" text="polls.notOpen" />, { title: c.var.t('polls.notOpenTitle') });
}

function linkInvalid(c: Context<AppEnv>) {
  c.status(410);
  return c.render(<PollLinkInvalidPage t={c.var.t} />, { title: c.var.t('polls.title') });
}

function renderForm(c: Context<AppEnv>, vg: VisibleGroup, values: Record<string, string>, errors?: FieldErrors) {
  const title = c.var.t('polls.new');
  return c.render(<PollFormPage t={c.var.t} action={`/groups/${vg.group.slug}/polls`} cancel={`/groups/${vg.group.slug}`} values={values} errors={errors} />, { title: `${title}: ${vg.group.name}` });
}

async function renderPoll(c: Context<AppEnv>, poll: PollWithGroup, vg: VisibleGroup, errors: { answer?: MessageKey; fix?: FieldErrors } = {}) {
  const user = c.var.user!;
  const [options, answers, people, member] = await Promise.all([
    listOptions(c.var.db, poll.id),
    listAnswers(c.var.db, poll.id),
    currentMembers(c.var.db, poll.group_id, c.var.now()),
    isCurrentMember(c.var.db, poll.group_id, user.personId, c.var.now()),
  ]);
  return c.render(
    <PollPage
      t={c.var.t}
      fmt={c.var.fmt}
      poll={poll}
      options={options}
      answers={answers}
      people={people.map(({ id, name }) => ({ id, name }))}
      personId={member && mayAnswerPoll(member) && poll.status === 'open' ? user.personId : null}
      canManage={mayManagePoll(vg.access)}
      fixErrors={errors.fix}
      answerError={errors.answer}
    />,
    { title: `${c.var.t('polls.title')}: ${poll.title}` },
  );
}

export const pollRoutes = new Hono<AppEnv>()
  .get(`/groups/${SLUG}/polls`, (c) =>
    withGroup(c, 'member', async (vg) => {
      const polls = await listGroupPolls(c.var.db, vg.group.id);
      return c.render(<PollListPage t={c.var.t} fmt={c.var.fmt} group={vg.group} polls={polls} canCreate={mayCreatePoll(vg.access)} />, { title: c.var.t('polls.listTitle', { group: vg.group.name }) });
    }),
  )
  .get(`/groups/${SLUG}/polls/new`, (c) => withGroup(c, POLL_MANAGE_ACCESS, (vg) => renderForm(c, vg, {})))
  .post(
    `/groups/${SLUG}/polls`,
    validForm(pollSchema, (c, values, errors) => withGroup(c, POLL_MANAGE_ACCESS, (vg) => renderForm(c, vg, values, errors))),
    (c) =>
      withGroup(c, POLL_MANAGE_ACCESS, async (vg) => {
        if (!mayCreatePoll(vg.access)) return renderError(c, 403);
        const id = await createPoll(c.var.db, c.var.user!, vg.group, c.req.valid('form'), { now: c.var.now(), baseUrl: c.var.config.baseUrl });
        return redirectWithFlash(c, `/polls/${id}`, 'success', 'polls.created');
      }),
  )
  .get(`/polls/${ID}`, (c) => withPoll(c, false, (p, vg) => renderPoll(c, p, vg)))
  .post(`/polls/${ID}/answers`, (c) =>
    withPoll(c, false, async (p, vg) => {
      if (p.status !== 'open') return conflict(c);
      // Only the group's current members answer (the staff see the table, but answer only as members).
      if (!mayAnswerPoll(await isCurrentMember(c.var.db, p.group_id, c.var.user!.personId, c.var.now()))) return renderError(c, 403);
      const options = await listOptions(c.var.db, p.id);
      const answers = answersFrom(await readForm(c), options.map((o) => o.id));
      if (!answers) return renderError(c, 400);
      if (answers.size === 0) {
        c.status(422);
        return renderPoll(c, p, vg, { answer: 'polls.answerRequired' });
      }
      const ok = await recordAnswers(c.var.db, p.id, c.var.user!.personId, answers, c.var.now());
      return ok ? redirectWithFlash(c, `/polls/${p.id}`, 'success', 'polls.saved') : renderError(c, 403);
    }),
  )
  .post(`/polls/${ID}/fix`, (c) =>
    withPoll(c, true, async (p, vg) => {
      if (p.status !== 'open') return conflict(c);
      const form = await readForm(c);
      const optionId = typeof form.option === 'string' && /^[1-9][0-9]{0,8}$/.test(form.option) ? Number(form.option) : 0;
      const result = optionId ? await fixPoll(c.var.db, c.var.user!, p.id, optionId, c.var.now()) : 'no_option';
      if (result === 'not_open') return conflict(c);
      if (result === 'no_option') {
        c.status(422);
        return renderPoll(c, p, vg, { fix: { option: 'polls.chooseDate' } });
      }
      return redirectWithFlash(c, `/meetings/${result.meetingId}/invite`, 'success', 'polls.fixed');
    }),
  )
  .post(`/polls/${ID}/close`, (c) =>
    withPoll(c, true, async (p) => {
      if (!(await closePoll(c.var.db, c.var.user!, p.id, c.var.now()))) return conflict(c);
      return redirectWithFlash(c, `/polls/${p.id}`, 'success', 'polls.closed');
    }),
  )
  // The mail link: opening it (a mail scanner does) shows the form and changes nothing; only the POST records.
  .get(`/poll/${TOKEN}`, async (c) => {
    const link = await checkPollLink(c.var.db, c.req.param('token'), c.var.now());
    const poll = link && (await findPoll(c.var.db, link.pollId));
    if (!link || !poll) return linkInvalid(c);
    const [options, answers] = await Promise.all([listOptions(c.var.db, poll.id), listAnswers(c.var.db, poll.id)]);
    const own = new Map(answers.filter((a) => a.person_id === link.personId).map((a) => [a.option_id, a.answer]));
    return c.render(<PollLinkPage t={c.var.t} fmt={c.var.fmt} poll={poll} options={options} own={own} name={link.name} action={c.req.path} />, { title: `${c.var.t('polls.title')}: ${poll.title}` });
  })
  .post(`/poll/${TOKEN}`, async (c) => {
    const link = await checkPollLink(c.var.db, c.req.param('token'), c.var.now());
    const poll = link && (await findPoll(c.var.db, link.pollId));
    if (!link || !poll) return linkInvalid(c);
    const options = await listOptions(c.var.db, poll.id);
    const answers = answersFrom(await readForm(c), options.map((o) => o.id));
    if (!answers || answers.size === 0) {
      c.status(422);
      return c.render(<PollLinkPage t={c.var.t} fmt={c.var.fmt} poll={poll} options={options} own={answers ?? new Map()} name={link.name} action={c.req.path} error="polls.answerRequired" />, { title: `${c.var.t('polls.title')}: ${poll.title}` });
    }
    if (!(await recordAnswers(c.var.db, poll.id, link.personId, answers, c.var.now()))) return linkInvalid(c);
    return c.render(<PollLinkDonePage t={c.var.t} fmt={c.var.fmt} poll={poll} options={options} own={answers} link={c.req.path} />, { title: `${c.var.t('polls.title')}: ${poll.title}` });
  });


import { Hono, type Handler } from 'hono';
import { setCookie } from 'hono/cookie';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DashboardPage, LandingPage } from '../../views/home.js';
import { sameOriginPath } from '../auth/redirect-target.js';
import { listGroupsOfPerson } from '../groups/memberships.js';
import type { AppEnv } from '../http/env.js';
import { today } from '../lib/berlin-time.js';
import { listOpenInvitations } from '../meetings/invitations.js';
import { listMyNextMeetings } from '../meetings/meetings.js';
import { listActionItems } from '../minutes/actions.js';
import { parsePublicLocale } from '../i18n/index.js';
import { queueScope } from '../queue/access.js';
import { loadWorkQueue, memberMinutes } from '../queue/queue.js';
import { readForm } from '../http/forms.js';
import { listOpenPollsOfPerson } from '../polls/polls.js';
import { loadPortal } from './portal.js';

export const homeRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const t = c.var.t;
    const user = c.var.user;
    if (user) {
      const day = today(c.var.now());
      const scope = await queueScope(c.var.db, user, day);
      const [groups, meetings, invitations, actions, queue, minutes, polls] = await Promise.all([
        listGroupsOfPerson(c.var.db, user, user.personId, day),
        listMyNextMeetings(c.var.db, user.personId, day, c.var.now()),
        listOpenInvitations(c.var.db, user.personId, c.var.now()),
        listActionItems(c.var.db, user, day, { status: 'open', mine: true }, { page: 1, pageSize: 20 }).then((r) => r.rows),
        // Only those who manage a group, review the directory or read the outbox have a work queue.
        scope.managedGroupIds.length || scope.reviewsDirectory || scope.readsOutbox ? loadWorkQueue(c.var.db, scope, c.var.now(), day) : Promise.resolve(null),
        memberMinutes(c.var.db, scope, c.var.now()),
        listOpenPollsOfPerson(c.var.db, user.personId, c.var.now()),
      ]);
      const items = groups.map((g) => ({ ...g, roleLabel: t(`membershipRole.${g.role}`) }));
      return c.render(<DashboardPage t={t} fmt={c.var.fmt} user={user} groups={items} meetings={meetings} invitations={invitations} actions={actions} today={day} queue={queue} minutes={minutes} polls={polls} />, { title: t('nav.home') });
    }
    const portal = await loadPortal(c.var.db, c.var.lang, c.var.now());
    return c.render(<LandingPage t={t} fmt={c.var.fmt} districtName={c.var.site.districtName} portal={portal} />, { title: t('home.title') });
  })
  // The reader's language is a preference cookie; a POST, because no GET may change anything. Any public
  // language may be chosen (anything else is German); members' pages read it as German or English.
  .post('/language', async (c) => {
    const form = await readForm(c);
    const locale = parsePublicLocale(typeof form.lang === 'string' ? form.lang : undefined);
    setCookie(c, 'lang', locale, { path: '/', sameSite: 'Lax', secure: c.var.config.secure, maxAge: 365 * 24 * 60 * 60 });
    return c.redirect(sameOriginPath(form.back) ?? '/', 303);
  });

/**
 * healthz answers whether the database answers: 200 {"status":"ok"} or 503. It is mounted in app.ts
 * ahead of the request context, so that nothing else a request sets up (the district's name, a session)
 * needs the database first: while it is away the answer is still this JSON, within the pool's
 * connect timeout.
 */
export function healthz(db: Kysely<Database>): Handler<AppEnv> {
  return async (c) => {
    // A cached answer would be an old one.
    c.header('Cache-Control', 'no-store');
    try {
      // A read of a real table: on SQLite `select 1` would not touch the file at all.
      await sql`select name from kysely_migration limit 1`.execute(db);
      return c.json({ status: 'ok', database: 'ok' });
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  };
}

import { Hono, type Context, type MiddlewareHandler } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { CalendarFragment, CalendarPage, FeedCreatedPage, FeedsPage } from '../../views/calendar/calendar.js';
import { requireUser } from '../auth/middleware.js';
import { atLeast } from '../groups/access.js';
import { listAllVisibleGroups } from '../groups/groups.js';
import { databaseVersion } from '../db/change-counter.js';
import { dialectOf } from '../db/dialect.js';
import type { AppDeps, AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { organizerOf } from '../http/site.js';
import { redirectWithFlash } from '../http/flash.js';
import { formValues, validForm, type FieldErrors } from '../http/forms.js';
import { isFragmentRequest } from '../http/htmx.js';
import { requiredText } from '../http/schemas.js';
import { today } from '../lib/berlin-time.js';
import { loadCalendar, readCalendarQuery } from './calendar.js';
import { createFeedToken, findFeedToken, listFeedTokens, markFeedUsed, revokeFeedToken, rotateFeedToken, TooManyFeedsError } from './feed-tokens.js';
import { feedCacheFor } from './feed-cache.js';
import { feedMemoFor, type FeedValidators } from './feed-memo.js';
import { renderFeed, resolveFeed, type FeedOutput } from './feeds.js';
import { feedsVersion } from './feeds-version.js';
import { notModified, setValidators } from './validators.js';

const ID = ':id{[1-9][0-9]{0,8}}';

const feedSchema = z.object({
  name: requiredText(100),
  scope: z.string({ error: 'field.required' }).regex(/^(person|group:[1-9][0-9]{0,8})$/, 'feeds.scopeInvalid'),
});

/** The groups a person may subscribe to: those whose meetings they may see (members, viewers, staff). */
async function subscribableGroups(c: Context<AppEnv>) {
  const groups = await listAllVisibleGroups(c.var.db, c.var.user, today(c.var.now()));
  return groups.filter((g) => atLeast(g.access, 'viewer') && !g.group.archived_at);
}

async function renderFeeds(c: Context<AppEnv>, values: Record<string, string> = {}, errors?: FieldErrors) {
  const t = c.var.t;
  const [feeds, groups] = await Promise.all([listFeedTokens(c.var.db, c.var.user!.id), subscribableGroups(c)]);
  const scopes = [{ value: 'person', label: t('feeds.scope.person') }, ...groups.map((g) => ({ value: `group:${g.group.id}`, label: t('feeds.scope.group', { group: g.group.name }) }))];
  return c.render(<FeedsPage t={t} fmt={c.var.fmt} feeds={feeds} scopes={scopes} values={values} errors={errors} publicUrl={`${c.var.config.baseUrl}/feeds/public.ics`} />, { title: t('feeds.title') });
}

/** renderCreated shows a new feed URL this one time, as https, webcal:// and a QR code. */
async function renderCreated(c: Context<AppEnv>, name: string, token: string) {
  const url = `${c.var.config.baseUrl}/feeds/${token}.ics`;
  const webcal = url.replace(/^https?:/, 'webcal:');
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const qr = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return c.render(<FeedCreatedPage t={c.var.t} name={name} url={url} webcal={webcal} qr={qr} />, { title: c.var.t('feeds.created.title', { name }) });
}

/** feedOutput: the site's facts a feed's text contains (its address, name and office). */
function feedOutput(c: Context<AppEnv>): FeedOutput {
  return { baseUrl: c.var.config.baseUrl, districtName: c.var.site.districtName, organizer: organizerOf(c.var.site, c.var.config.mailFrom) };
}

/** sendFeed answers with the feed's validators: 304 without a body (null), else the calendar. */
function sendFeed(c: Context, feed: FeedValidators, body: string | null) {
  // A secret URL's feed is personal: no shared cache may keep it, and every use revalidates.
  setValidators(c, feed, feed.kind === 'public');
  c.header('X-Robots-Tag', 'noindex');
  if (body === null) return c.body(null, 304);
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Content-Disposition', `inline; filename="${feed.kind === 'public' ? 'sitzungen-oeffentlich' : 'sitzungen'}.ics"`);
  return c.body(body);
}

/** The feed URLs: a token (52 base32 characters) or "public", then ".ics". */
export const FEED_PATH = '/feeds/:file{[a-z2-7]{6,52}\\.ics}';

/**
 * feedFromMemory answers a feed poll without the database while the database has not changed since the
 * URL was last read (src/calendar/feed-memo.ts): the 304, or the unchanged feed from the cache of
 * written feeds. app.ts mounts it ahead of the page middleware (layout, site settings, session), which
 * a calendar app needs none of. Whatever it cannot answer goes on to the feed route below.
 */
export function feedFromMemory(deps: AppDeps): MiddlewareHandler {
  const now = deps.now ?? (() => new Date());
  const postgres = dialectOf(deps.db) === 'postgres';
  return async (c, next) => {
    let version: string | null;
    try {
      // SQLite's counter without a query (and without waiting for a promise); PostgreSQL's in one.
      version = databaseVersion(deps.db) ?? (postgres ? await feedsVersion(deps.db) : null);
    } catch {
      return next(); // the database is away: the route below gives the 503 page
    }
    if (version === null) return next();
    const feed = feedMemoFor(deps.db).get(c.req.param('file')!, today(now()), version);
    if (!feed) return next();
    if (notModified(c, feed)) return sendFeed(c, feed, null);
    const body = feedCacheFor(deps.db).get(feed.etag);
    return body === undefined ? next() : sendFeed(c, feed, body);
  };
}

/** Calendar pages (/calendar), feed URL management (/calendar/feeds) and the feeds (/feeds/:token.ics). */
export const calendarRoutes = new Hono<AppEnv>()
  .get('/calendar', async (c) => {
    const q = readCalendarQuery(c.req.query(), c.var.now());
    const data = await loadCalendar(c.var.db, c.var.user, q, c.var.now());
    const props = { t: c.var.t, fmt: c.var.fmt, q, data, signedIn: !!c.var.user };
    if (isFragmentRequest(c)) return c.html(<CalendarFragment {...props} />);
    return c.render(<CalendarPage {...props} />, { title: `${c.var.t('calendar.title')}: ${c.var.fmt.monthYear(`${q.month}-01`)}` });
  })
  .use('/calendar/feeds', requireUser)
  .use('/calendar/feeds/*', requireUser)
  .get('/calendar/feeds', (c) => renderFeeds(c))
  .post(
    '/calendar/feeds',
    validForm(feedSchema, (c, values, errors) => renderFeeds(c, values, errors)),
    async (c) => {
      const form = c.req.valid('form');
      const groupId = form.scope === 'person' ? null : Number(form.scope.slice('group:'.length));
      // A group that the person may not see is refused like a malformed choice: nothing tells it exists.
      if (groupId !== null && !(await subscribableGroups(c)).some((g) => g.group.id === groupId)) {
        c.status(422);
        return renderFeeds(c, formValues(form), { scope: 'feeds.scopeInvalid' });
      }
      try {
        const { token } = await createFeedToken(c.var.db, c.var.user!, { scope: groupId ? 'group' : 'person', groupId, name: form.name }, c.var.now());
        return renderCreated(c, form.name, token);
      } catch (err) {
        if (!(err instanceof TooManyFeedsError)) throw err;
        c.status(422);
        return renderFeeds(c, formValues(form), { _form: 'feeds.tooMany' });
      }
    },
  )
  .post(`/calendar/feeds/${ID}/rotate`, async (c) => {
    const rotated = await rotateFeedToken(c.var.db, c.var.user!, Number(c.req.param('id')), c.var.now());
    return rotated ? renderCreated(c, rotated.name, rotated.token) : renderError(c, 404);
  })
  .post(`/calendar/feeds/${ID}/revoke`, async (c) => {
    const revoked = await revokeFeedToken(c.var.db, c.var.user!, Number(c.req.param('id')), c.var.now());
    return revoked ? redirectWithFlash(c, '/calendar/feeds', 'success', 'feeds.revoked') : renderError(c, 404);
  })
  .get(FEED_PATH, async (c) => {
    const file = c.req.param('file');
    const name = file.slice(0, -'.ics'.length);
    const day = today(c.var.now());
    // Read before the feed: a change in between makes the memo's entry look older, never newer.
    const version = await feedsVersion(c.var.db);
    const token = name === 'public' ? 'public' : await findFeedToken(c.var.db, name);
    const feed = token && (await resolveFeed(c.var.db, token, day, feedOutput(c)));
    if (!token || !feed) return renderError(c, 404);
    if (token !== 'public') await markFeedUsed(c.var.db, token, day);
    if (version !== null) feedMemoFor(c.var.db).set(file, day, version, feed);
    if (notModified(c, feed)) return sendFeed(c, feed, null);
    const cache = feedCacheFor(c.var.db);
    let body = cache.get(feed.etag);
    if (body === undefined) {
      body = await renderFeed(c.var.db, feed, day);
      cache.set(feed.etag, body);
    }
    return sendFeed(c, feed, body);
  });

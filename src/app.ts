import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './admin/routes.js';
import { directoryAdminRoutes } from './directory/admin-routes.js';
import { directoryRoutes } from './directory/routes.js';
import { legalRoutes } from './legal/routes.js';
import { session } from './auth/middleware.js';
import { authRoutes } from './auth/routes.js';
import { guardOneTimeLinks, ONE_TIME_LINK } from './auth/link-guard.js';
import { describeDatabaseError, isDatabaseUnavailable } from './db/connect.js';
import type { AppDeps, AppEnv } from './http/env.js';
import { renderError } from './http/errors.js';
import { renderer } from './http/renderer.js';
import { sameOriginOnly } from './http/csrf.js';
import { refuseControlCharactersInQuery } from './http/query.js';
import { requestContext } from './http/request-context.js';
import { redactPath, requestLog } from './http/request-log.js';
import { groupRoutes } from './groups/routes.js';
import { healthz, homeRoutes } from './home/routes.js';
import { meetingRoutes } from './meetings/routes.js';
import { inviteRoutes } from './meetings/invite-routes.js';
import { minutesRoutes } from './minutes/routes.js';
import { calendarRoutes, FEED_PATH, feedFromMemory } from './calendar/routes.js';
import { peopleRoutes } from './people/routes.js';
import { profileRoutes } from './profile/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { setupRoutes } from './setup/routes.js';
import { logoPolicy, settingsRoutes } from './settings/routes.js';
import { pdfRoutes } from './pdf/routes.js';
import { breakRoutes } from './breaks/routes.js';
import { pollRoutes } from './polls/routes.js';
import { referenceRoutes } from './reference/routes.js';
import { cityRoutes } from './cities/routes.js';
import { contactRoutes } from './contact/routes.js';
import { programmeRoutes } from './programmes/routes.js';
import { adviceRoutes } from './advice/routes.js';
import { projectRoutes } from './projects/routes.js';
import { accountsRoutes } from './projects/accounts/routes.js';
import { synonymRoutes } from './synonyms/routes.js';
import { statisticsRoutes } from './statistics/routes.js';
import { publicLanguage } from './i18n/public-pages.js';
import { pageCache } from './http/page-cache.js';
import { needRoutes } from './statistics/need-routes.js';
import { statisticsAdminRoutes } from './statistics/admin-routes.js';
import { reportRoutes } from './reports/routes.js';
import { tagRoutes } from './reports/tag-routes.js';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');

/** createApp builds the whole hub from its dependencies; tests call app.request() on it. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const { config } = deps;

  if (config.logRequests) app.use(requestLog());
  // The logo's own sandboxing policy replaces the pages' one (issue #17, settings).
  app.use('/logo', logoPolicy);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
      strictTransportSecurity: config.secure ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );
  app.use('/static/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=3600');
  });
  app.use('/static/*', serveStatic({ root: publicDir, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }));
  app.get('/healthz', healthz(deps.db));
  // Calendar apps poll their feeds all day: an unchanged feed is answered before the page middleware.
  app.get(FEED_PATH, feedFromMemory(deps));
  // The layout renderer goes first: it only installs c.render(), which reads the request's variables
  // when a page is rendered, so an error page still gets the whole layout when setting up the request
  // failed (the district's name could not be read: the database is away).
  app.use(renderer);
  app.use(requestContext(deps));
  // Same-origin check for every state-changing request (any content type): the request's own origin, or the public
  // address when a proxy terminates TLS in front of us.
  const publicOrigin = new URL(config.baseUrl).origin;
  app.use(sameOriginOnly((origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin));
  app.use(refuseControlCharactersInQuery);
  // Forms are small; an import's confirmation posts the checked CSV (up to 1 MB) back url-encoded;
  // meeting and project documents may have 20 MB.
  const limit = (mb: number) => bodyLimit({ maxSize: mb * 1024 * 1024, onError: (c) => renderError(c as never, 413) });
  const [small, imports, uploads] = [limit(1), limit(4), limit(21)];
  app.use((c, next) => {
    if (c.req.path.endsWith('/import/confirm')) return imports(c, next);
    // Documents of meetings and projects, and the receipts of project expenses.
    if (/^\/(meetings\/[0-9]+\/files|projects\/[0-9]+\/(files|accounts\/expenses(\/[0-9]+)?))$/.test(c.req.path)) return uploads(c, next);
    return small(c, next);
  });
  // The dashboard, group and meeting pages are answered from memory while the database is unchanged.
  app.use(pageCache());
  app.use(session);
  // Public pages read without signing in speak the visitor's public language (tr, ar, ru, uk too).
  app.use(publicLanguage);
  // Guessing one-time links (replies, resets, invitations, confirmations) is throttled per client.
  app.use(guardOneTimeLinks);
  // The same URL answers htmx with a fragment and browsers with a page; pages for signed-in people and
  // pages opened through one-time links hold personal data and are not kept in caches (shared office
  // computers, the back button).
  const oneTimeLinkPage = (path: string) => ONE_TIME_LINK.test(path) || path === '/setup';
  app.use(async (c, next) => {
    await next();
    c.header('Vary', 'HX-Request', { append: true });
    if ((c.var.user || oneTimeLinkPage(c.req.path)) && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-store');
  });

  app.route('/', homeRoutes);
  app.route('/', setupRoutes);
  app.route('/', authRoutes);
  app.route('/', adminRoutes);
  app.route('/', settingsRoutes);
  app.route('/', meetingRoutes);
  app.route('/', inviteRoutes);
  app.route('/', minutesRoutes);
  app.route('/', calendarRoutes);
  app.route('/', groupRoutes);
  app.route('/', peopleRoutes);
  app.route('/', profileRoutes);
  app.route('/', privacyRoutes);
  app.route('/', directoryRoutes);
  app.route('/', directoryAdminRoutes);
  app.route('/', legalRoutes);
  app.route('/', pdfRoutes);
  app.route('/', breakRoutes);
  app.route('/', pollRoutes);
  app.route('/', referenceRoutes);
  app.route('/', cityRoutes);
  app.route('/', contactRoutes);
  app.route('/', needRoutes);
  app.route('/', statisticsAdminRoutes);
  // The yearly report and fields of action (issue #18, src/reports/).
  app.route('/', reportRoutes);
  app.route('/', tagRoutes);
  app.route('/', statisticsRoutes);
  // Funding programmes (issue #19, src/programmes/).
  app.route('/', programmeRoutes);
  app.route('/', adviceRoutes);
  // The office's projects (issue #19, src/projects/).
  app.route('/', projectRoutes);
  // Project accounts (issue #19, src/projects/accounts/): the staff only.
  app.route('/', accountsRoutes);
  app.route('/', synonymRoutes);

  app.notFound((c) => renderError(c, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 403) return renderError(c, 403, 'error.csrf.text');
    // A body that cannot be read (an aborted upload, malformed form data): the German 400 page.
    if (err instanceof HTTPException && err.status === 400) return renderError(c, 400);
    if (err instanceof HTTPException && err.status < 500) return err.getResponse();
    // The database is away or locked: not a bug of ours, so one line in the log and a page that says
    // "try again later" (503), not the error page of a crash.
    if (isDatabaseUnavailable(err)) {
      console.error(`Datenbank nicht erreichbar bei ${c.req.method} ${redactPath(c.req.path)}: ${describeDatabaseError(err)}`);
      c.header('Retry-After', '30');
      return renderError(c, 503);
    }
    console.error(`Fehler bei ${c.req.method} ${redactPath(c.req.path)}:`, err);
    return renderError(c, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

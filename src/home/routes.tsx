import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { sql } from 'kysely';
import { DashboardPage, LandingPage } from '../../views/home.js';
import { safeNext } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { parseLocale } from '../i18n/index.js';

export const homeRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const t = c.var.t;
    if (c.var.user) return c.render(<DashboardPage t={t} user={c.var.user} />, { title: t('nav.home') });
    return c.render(<LandingPage t={t} districtName={c.var.site.districtName} />, { title: t('home.title') });
  })
  // The reader's language is a preference cookie; a POST, because no GET may change anything.
  .post('/language', async (c) => {
    const form = await c.req.parseBody();
    const locale = parseLocale(typeof form.lang === 'string' ? form.lang : undefined);
    setCookie(c, 'lang', locale, { path: '/', sameSite: 'Lax', secure: c.var.config.secure, maxAge: 365 * 24 * 60 * 60 });
    return c.redirect(safeNext(typeof form.back === 'string' ? form.back : undefined) ?? '/', 303);
  })
  .get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(c.var.db);
      return c.json({ status: 'ok', database: 'ok' });
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });

import { Hono } from 'hono';
import { NeedPage } from '../../views/statistics/need.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { mayReadFigures } from './access.js';
import { needTable } from './need.js';

/** Need next to offer (issue #18): public, like every figure of the Datensammlung (src/statistics/access.ts). */
export const needRoutes = new Hono<AppEnv>().get('/statistics/need', async (c) => {
  if (!mayReadFigures(c.var.user)) return renderError(c, 403);
  const table = await needTable(c.var.db, c.var.locale);
  return c.render(<NeedPage t={c.var.t} table={table} />, { title: c.var.t('need.title') });
});

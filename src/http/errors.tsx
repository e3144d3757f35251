import type { Context } from 'hono';
import { ErrorPage } from '../../views/errors.js';
import type { MessageKey } from '../i18n/index.js';
import type { AppEnv } from './env.js';
import { EMPTY_SITE } from './site.js';

type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 500 | 503;

const pages: Record<ErrorStatus, { title: MessageKey; text: MessageKey }> = {
  400: { title: 'error.badRequest.title', text: 'error.badRequest.text' },
  401: { title: 'login.title', text: 'login.required' },
  403: { title: 'error.forbidden.title', text: 'error.forbidden.text' },
  404: { title: 'error.notFound.title', text: 'error.notFound.text' },
  413: { title: 'error.server.title', text: 'error.tooLarge' },
  429: { title: 'error.tooMany.title', text: 'error.tooMany.text' },
  500: { title: 'error.server.title', text: 'error.server.text' },
  503: { title: 'error.unavailable.title', text: 'error.unavailable.text' },
};

/** renderError answers with the German error page for a status (or the given text). */
export function renderError(c: Context<AppEnv>, status: ErrorStatus, text?: MessageKey): Response | Promise<Response> {
  const page = pages[status];
  const t = c.var.t;
  // The district's name comes from the database; when that is what failed, the page goes without it.
  if (!c.var.site) c.set('site', EMPTY_SITE);
  c.status(status);
  return c.render(<ErrorPage t={t} title={page.title} text={text ?? page.text} />, { title: t(page.title) });
}

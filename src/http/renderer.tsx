import { jsxRenderer } from 'hono/jsx-renderer';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { Layout } from '../../views/layout.js';
import { showsFormErrors } from '../../views/components.js';
import { can } from '../auth/permissions.js';
import { today } from '../lib/berlin-time.js';
import { mayEditProjects, partnerProjectIds } from '../projects/access.js';
import { keepAddress } from './htmx.js';
import { INTERFACE_LOCALES, PUBLIC_LOCALES } from '../i18n/index.js';
import { speaksPublicLanguages } from '../i18n/public-pages.js';

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** renderPage: a page's content as finished HTML (its async parts awaited). */
async function renderPage(children: Child): Promise<string> {
  const content = await children;
  return content === null || content === undefined || typeof content === 'boolean' ? '' : String(await content.toString());
}

/**
 * renderer wraps every c.render() page in the layout, with what the layout needs from the request.
 * The page is rendered before the layout, so that the title can say whether it shows a form's errors
 * ("Fehler: …", announced first by screen readers; every form gets it without doing anything): an error
 * summary or a field's message, or the status 422 of a refused form whose page shows its message its
 * own way (a file upload, a wrong password). newResponse() only reads the status set so far.
 */
export const renderer = jsxRenderer(async ({ children, title }, c) => {
  keepAddress(c);
  const page = await renderPage(children);
  // "Projekte" in the menu: the staff, and partners' representatives whose organisations have projects.
  const user = c.var.user;
  // The layout must render when the database is away (the German 503 page), so a failed read hides the link.
  const seesProjects = user !== null && (mayEditProjects(user) || (await partnerProjectIds(c.var.db, user, today(c.var.now())).catch(() => [])).length > 0);
  return (
    <Layout
      t={c.var.t}
      locale={c.var.lang}
      languages={speaksPublicLanguages(c) ? PUBLIC_LOCALES : INTERFACE_LOCALES}
      machineTranslated={c.var.lang !== 'de' && c.var.lang !== 'en'}
      title={showsFormErrors(c.var.t) || c.newResponse(null).status === 422 ? c.var.t('form.errorTitle', { title }) : title}
      user={c.var.user}
      canAdminister={can(c.var.user, 'admin.view')}
      canManagePeople={can(c.var.user, 'people.manage')}
      seesProjects={seesProjects}
      flash={c.var.flash}
      site={c.var.site}
      path={new URL(c.req.url).pathname}
    >
      {raw(page)}
    </Layout>
  );
});

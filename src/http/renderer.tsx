import { jsxRenderer } from 'hono/jsx-renderer';
import { Layout } from '../../views/layout.js';
import { can } from '../auth/permissions.js';

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** renderer wraps every c.render() page in the layout, with what the layout needs from the request. */
export const renderer = jsxRenderer(({ children, title }, c) => (
  <Layout
    t={c.var.t}
    locale={c.var.locale}
    title={title}
    user={c.var.user}
    canAdminister={can(c.var.user, 'admin.view')}
    canManagePeople={can(c.var.user, 'people.manage')}
    flash={c.var.flash}
    site={c.var.site}
    path={new URL(c.req.url).pathname}
  >
    {children}
  </Layout>
));

import { Hono } from 'hono';
import { AccountsPage, AdminIndexPage, AuditPage, OutboxMailPage, OutboxPage } from '../../views/admin/admin.js';
import { listAuditEntries } from '../audit/audit.js';
import { requirePermission } from '../auth/middleware.js';
import { can } from '../auth/permissions.js';
import { renderError } from '../http/errors.js';
import type { AppEnv } from '../http/env.js';
import { PAGE_SIZE, pageParam } from '../http/pagination.js';
import { findOutboxMail, listOutbox } from '../mail/outbox.js';
import { listAccounts } from './accounts.js';


export const adminRoutes = new Hono<AppEnv>()
  .get('/admin', requirePermission('admin.view'), (c) => {
    const user = c.var.user;
    const links = [
      { href: '/admin/users', label: 'admin.users', permission: 'admin.accounts' },
      { href: '/admin/outbox', label: 'admin.outbox', permission: 'admin.outbox' },
      { href: '/admin/audit', label: 'admin.audit', permission: 'admin.audit' },
      { href: '/admin/directory', label: 'admin.directory', permission: 'directory.review' },
    ] as const;
    return c.render(<AdminIndexPage t={c.var.t} links={links.filter((l) => can(user, l.permission))} />, { title: c.var.t('admin.title') });
  })
  .get('/admin/users', requirePermission('admin.accounts'), async (c) => {
    const page = pageParam(c.req.query('page'));
    const { rows, hasNext } = await listAccounts(c.var.db, page, PAGE_SIZE);
    return c.render(<AccountsPage t={c.var.t} fmt={c.var.fmt} rows={rows} page={page} hasNext={hasNext} />, { title: c.var.t('admin.users') });
  })
  .get('/admin/outbox', requirePermission('admin.outbox'), async (c) => {
    const page = pageParam(c.req.query('page'));
    const { rows, hasNext } = await listOutbox(c.var.db, page, PAGE_SIZE);
    return c.render(<OutboxPage t={c.var.t} fmt={c.var.fmt} rows={rows} page={page} hasNext={hasNext} smtpConfigured={Boolean(c.var.config.smtpUrl)} />, {
      title: c.var.t('admin.outbox'),
    });
  })
  .get('/admin/outbox/:id{[1-9][0-9]{0,8}}', requirePermission('admin.outbox'), async (c) => {
    const mail = await findOutboxMail(c.var.db, Number(c.req.param('id')));
    if (!mail) return renderError(c, 404);
    return c.render(<OutboxMailPage t={c.var.t} fmt={c.var.fmt} mail={mail} />, { title: mail.subject });
  })
  .get('/admin/audit', requirePermission('admin.audit'), async (c) => {
    const page = pageParam(c.req.query('page'));
    const { rows, hasNext } = await listAuditEntries(c.var.db, page, PAGE_SIZE);
    return c.render(<AuditPage t={c.var.t} fmt={c.var.fmt} rows={rows} page={page} hasNext={hasNext} />, { title: c.var.t('admin.audit') });
  });

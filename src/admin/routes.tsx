import { mayReadReport } from '../reports/access.js';
import { mayHandleAdvice } from '../advice/access.js';
import { Hono } from 'hono';
import { mayEditFigures } from '../statistics/access.js';
import { AccountsPage, AdminIndexPage, OutboxMailPage, OutboxPage } from '../../views/admin/admin.js';
import { AuditPage } from '../../views/admin/audit.js';
import { actorName, auditChoices, listAuditEntries } from '../audit/audit.js';
import { loadSubjectNames } from '../audit/subject-names.js';
import { mayEditSiteTexts } from '../legal/texts.js';
import { mayEditSettings } from '../settings/access.js';
import { parseAuditQuery } from './audit-query.js';
import { requirePermission } from '../auth/middleware.js';
import { can } from '../auth/permissions.js';
import { renderError } from '../http/errors.js';
import type { AppEnv } from '../http/env.js';
import { PAGE_SIZE, pageParam } from '../http/pagination.js';
import { findOutboxMail, listOutbox } from '../mail/outbox.js';
import { mayManageDistrictBreaks } from '../breaks/access.js';
import { mayEditSynonyms } from '../synonyms/access.js';
import { mayEditReferenceLists } from '../reference/access.js';
import { listAccounts } from './accounts.js';
import { mayEditCityList } from '../cities/access.js';
import { mayEditContacts } from '../contact/access.js';


export const adminRoutes = new Hono<AppEnv>()
  .get('/admin', requirePermission('admin.view'), (c) => {
    const user = c.var.user;
    const links = [
      { href: '/admin/users', label: 'admin.users', allowed: can(user, 'admin.accounts') },
      { href: '/admin/outbox', label: 'admin.outbox', allowed: can(user, 'admin.outbox') },
      { href: '/admin/audit', label: 'admin.audit', allowed: can(user, 'admin.audit') },
      { href: '/admin/directory', label: 'admin.directory', allowed: can(user, 'directory.review') },
      { href: '/admin/texts', label: 'legal.admin.title', allowed: mayEditSiteTexts(user) },
      { href: '/admin/settings', label: 'settings.title', allowed: mayEditSettings(user) },
      { href: '/admin/breaks', label: 'breaks.districtPage', allowed: mayManageDistrictBreaks(user) },
      { href: '/admin/lists', label: 'reference.title', allowed: mayEditReferenceLists(user) },
      { href: '/admin/search-synonyms', label: 'synonyms.title', allowed: mayEditSynonyms(user) },
      { href: '/admin/cities', label: 'cities.adminTitle', allowed: mayEditCityList(user) },
      { href: '/admin/contact', label: 'admin.contact', allowed: mayEditContacts(user) },
      { href: '/admin/advice', label: 'advice.admin.title', allowed: mayHandleAdvice(user) },
      { href: '/admin/statistics', label: 'statistics.admin.title', allowed: mayEditFigures(user) },
      { href: '/reports', label: 'reports.nav', allowed: mayReadReport(user) },
    ] as const;
    return c.render(<AdminIndexPage t={c.var.t} links={links.filter((l) => l.allowed)} />, { title: c.var.t('admin.title') });
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
    const { filters, values, errors, page } = parseAuditQuery((name) => c.req.query(name));
    const invalid = Object.keys(errors).length > 0;
    const [choices, list, actor] = await Promise.all([
      auditChoices(c.var.db),
      invalid ? { rows: [], hasNext: false } : listAuditEntries(c.var.db, filters, page, PAGE_SIZE),
      typeof filters.actor === 'number' ? actorName(c.var.db, filters.actor) : undefined,
    ]);
    // Someone with no entry (yet) is still offered under their name when the address asks for them.
    if (actor && typeof filters.actor === 'number' && !choices.actors.some((a) => a.id === filters.actor)) choices.actors.push({ id: filters.actor, name: actor });
    if (invalid) c.status(422);
    const names = await loadSubjectNames(c.var.db, list.rows);
    return c.render(<AuditPage t={c.var.t} fmt={c.var.fmt} rows={list.rows} page={page} hasNext={list.hasNext} values={values} errors={invalid ? errors : undefined} choices={choices} names={names} />, {
      title: c.var.t('admin.audit'),
    });
  });

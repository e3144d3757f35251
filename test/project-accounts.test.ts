import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountsSummary } from '../src/projects/accounts/accounts.js';
import { seedAccountsDemo } from '../src/projects/accounts/demo.js';
import { csvEuro, euroInput, formatEuro, MAX_CENTS, parseEuro, sumCents } from '../src/projects/accounts/money.js';
import { mayReadProject } from '../src/projects/access.js';
import { adminHarness } from './helpers/admin.js';
import { createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// The project accounts (issue #19, src/projects/accounts/): money as integer cents, the staff's page
// with its forms, the rights (staff only; partners and members 404), the sums on both dialects, the
// CSV and the tagged PDF. The clock stands at Wednesday 2026-11-25, 09:00 UTC.

const NBSP = '\u00a0';

describe('money', () => {
  it('reads German amounts into cents', () => {
    const cases: [string, number][] = [
      ['1.234,56', 123456],
      ['1234,56', 123456],
      ['1.234', 123400],
      ['12,5', 1250],
      ['0,99', 99],
      ['0,01', 1],
      ['0', 0],
      ['25000', 2500000],
      ['1.234.567,89', 123456789],
      ['1.234,56 €', 123456],
      ['1.234,56€', 123456],
      ['€ 12,50', 1250],
      ['12,50 EUR', 1250],
      ['12,50 eur', 1250],
      ['  7  ', 700],
      ['1 234,56', 123456],
      [`1${NBSP}234,56${NBSP}€`, 123456],
      ['10.000.000,00', MAX_CENTS],
      ['10000000', MAX_CENTS],
      ['007,10', 710],
    ];
    for (const [text, cents] of cases) expect(parseEuro(text), text).toEqual({ cents });
  });

  it('refuses what is no amount, each with its own message', () => {
    const cases: [string, string][] = [
      ['', 'field.required'],
      ['   ', 'field.required'],
      ['€', 'field.required'],
      ['-5', 'accounts.money.negative'],
      ['−5,00', 'accounts.money.negative'],
      ['5-', 'accounts.money.negative'],
      ['1,234', 'accounts.money.decimals'],
      ['0,001', 'accounts.money.decimals'],
      ['12,345 €', 'accounts.money.decimals'],
      ['1.23,45', 'accounts.money.thousands'],
      ['12.34', 'accounts.money.thousands'],
      ['1.2345', 'accounts.money.thousands'],
      ['1..234', 'accounts.money.thousands'],
      ['abc', 'accounts.money.invalid'],
      ['12a', 'accounts.money.invalid'],
      ['1e5', 'accounts.money.invalid'],
      ['0x10', 'accounts.money.invalid'],
      ['12,', 'accounts.money.invalid'],
      [',50', 'accounts.money.invalid'],
      ['1,2,3', 'accounts.money.invalid'],
      ['$12', 'accounts.money.invalid'],
      ['10.000.000,01', 'accounts.money.tooLarge'],
      ['99999999999999999999', 'accounts.money.tooLarge'],
      ['21.474.836,47', 'accounts.money.tooLarge'],
    ];
    for (const [text, error] of cases) expect(parseEuro(text), text).toEqual({ error });
  });

  it('formats cents exactly, in German and English', () => {
    expect(formatEuro(123456)).toBe(`1.234,56${NBSP}€`);
    expect(formatEuro(0)).toBe(`0,00${NBSP}€`);
    expect(formatEuro(5)).toBe(`0,05${NBSP}€`);
    expect(formatEuro(-50000)).toBe(`-500,00${NBSP}€`);
    expect(formatEuro(MAX_CENTS)).toBe(`10.000.000,00${NBSP}€`);
    // Beyond what a double holds as a decimal fraction: still exact, since it never is one.
    expect(formatEuro(900719925474099)).toBe(`9.007.199.254.740,99${NBSP}€`);
    expect(formatEuro(123456, 'en')).toBe('€1,234.56');
    expect(euroInput(123450)).toBe('1.234,50');
    expect(csvEuro(123456)).toBe('1234,56');
    expect(csvEuro(-5)).toBe('-0,05');
    expect(() => formatEuro(0.5)).toThrow();
  });

  it('round-trips: every amount formatted for the form reads back to the same cents', () => {
    // A deterministic spread: every cent up to 20 €, then amounts across the whole range.
    const samples: number[] = [];
    for (let c = 0; c <= 2000; c++) samples.push(c);
    let x = 7;
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      samples.push(x % (MAX_CENTS + 1));
    }
    for (const cents of samples) {
      expect(parseEuro(euroInput(cents))).toEqual({ cents });
      expect(parseEuro(formatEuro(cents))).toEqual({ cents });
      expect(parseEuro(csvEuro(cents))).toEqual({ cents });
    }
  });

  it('adds as integers: 0,10 € + 0,20 € is 0,30 €', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumCents([10, 20])).toBe(30);
    expect(sumCents(['10', '20', null, undefined, 5n])).toBe(35);
    expect(() => sumCents(['1.5'])).toThrow();
  });
});

let h: TestHarness;
let ada: Browser;
let sek: Browser;
let mia: Browser;
let paula: Browser;
let projectId: number;
let otherProjectId: number;
let dir: string;

const AT = '2026-11-01T10:00:00.000Z';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);

async function project(name: string, short: string | null): Promise<number> {
  const row = await h.db
    .insertInto('projects')
    .values({ name, short_name: short, description: null, reference_no: 'FKZ 2026-0815', starts_on: '2026-01-01', ends_on: '2027-12-31', responsible_user_id: null, archived_at: null, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const count = async (table: 'project_budget_lines' | 'project_expenses' | 'project_tranches' | 'project_files' | 'audit_log') =>
  Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function line(name: string, planned: string, category = 'material'): Promise<number> {
  const res = await sek.post(`/projects/${projectId}/accounts/lines`, { category, name, planned, position: '' });
  expect(res.status, await res.clone().text()).toBe(303);
  return (await h.db.selectFrom('project_budget_lines').select('id').where('name', '=', name).where('project_id', '=', projectId).executeTakeFirstOrThrow()).id;
}

function expenseForm(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('receipt', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: 'application/pdf' }));
  return form;
}

function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', bytes: Uint8Array, args: string[] = []): string {
  const file = path.join(dir, `doc-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'project-accounts-'));
  ({ h, who: { ada, sek, mia } } = await adminHarness());
  // Paula represents a partner organisation of the project (a confirmed representation of a published entry).
  const paulaIds = await createUser(h.db, { name: 'Paula Partner', email: 'paula@example.org' });
  paula = h.browser();
  await paula.login('paula@example.org', TEST_PASSWORD);
  projectId = await project('KOMM-IN NRW Kreis Mettmann', 'KOMM-IN');
  otherProjectId = await project('Integration durch Sport', 'IdS');
  const org = await addEntry(h.db, { name: 'Verein Brücke' });
  const group = await h.db.insertInto('groups').values({ name: 'AK extern', slug: 'ak-extern', kind: 'external', description: '', colour: '#005ea5', dates_public: 0, archived_at: null, created_at: AT, updated_at: AT }).returning('id').executeTakeFirstOrThrow();
  await h.db
    .insertInto('memberships')
    .values({ group_id: group.id, person_id: paulaIds.personId, role: 'member', organisation_id: org, starts_on: '2026-01-01', ends_on: null, created_at: AT, updated_at: AT, representation_confirmed_at: AT } as never)
    .execute();
  await h.db.insertInto('project_partners').values({ project_id: projectId, organisation_id: org }).execute();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.close();
});
beforeEach(async () => {
  await h.db.deleteFrom('project_expenses').execute();
  await h.db.deleteFrom('project_files').execute();
  await h.db.deleteFrom('project_budget_lines').execute();
  await h.db.deleteFrom('project_tranches').execute();
});

describe('rights', () => {
  it('the staff see the accounts; the partner, a member and visitors do not', async () => {
    // The partner does see the project itself (src/projects/access.ts): the accounts are what is closed to them.
    const paulaUser = await h.db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['users.id', 'users.person_id', 'users.role']).where('persons.email', '=', 'paula@example.org').executeTakeFirstOrThrow();
    expect(await mayReadProject(h.db, { id: paulaUser.id, personId: paulaUser.person_id, role: paulaUser.role } as never, projectId, '2026-11-25')).toBe(true);
    const receipt = await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(await line('Druck', '100')), spent_on: '2026-11-02', amount: '10', payee: 'Druckerei' }, { bytes: PDF, name: 'beleg.pdf' }));
    expect(receipt.status).toBe(303);
    const file = await h.db.selectFrom('project_files').select(['id', 'kind']).executeTakeFirstOrThrow();
    expect(file.kind).toBe('receipt');
    const gets = ['', '.csv', '.pdf', `/receipts/${file.id}`].map((s) => `/projects/${projectId}/accounts${s}`);
    for (const url of gets) {
      expect((await sek.get(url)).status, url).toBe(200);
      expect((await ada.get(url)).status, url).toBe(200);
      expect((await paula.get(url)).status, url).toBe(404);
      expect((await mia.get(url)).status, url).toBe(404);
      const anon = await h.browser().get(url);
      expect(anon.status, url).toBe(303);
      expect(anon.headers.get('location')).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const before = await count('audit_log');
    for (const b of [paula, mia]) {
      expect((await b.post(`/projects/${projectId}/accounts/tranches`, { received_on: '2026-11-01', amount: '5', note: '' })).status).toBe(404);
      expect((await b.post(`/projects/${projectId}/accounts/lines`, { category: 'staff', name: 'X', planned: '1' })).status).toBe(404);
    }
    expect((await h.browser().post(`/projects/${projectId}/accounts/tranches`, { received_on: '2026-11-01', amount: '5' })).status).toBe(401);
    expect(await count('project_tranches')).toBe(0);
    expect(await count('audit_log')).toBe(before);
    // A receipt is only reached through its own project; an unknown project is 404 for the staff too.
    expect((await sek.get(`/projects/${otherProjectId}/accounts/receipts/${file.id}`)).status).toBe(404);
    expect((await sek.get('/projects/999999/accounts')).status).toBe(404);
  });
});

describe('the accounts page', () => {
  it('adds lines, expenses and tranches and sums them to the cent, marking a line over plan in words', async () => {
    const auditMark = Number((await h.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
    const staff = await line('Projektleitung', '30.000', 'staff');
    const print = await line('Druckkosten', '1.000,00');
    for (const [l, amount, payee] of [
      [staff, '12.345,67', 'Gehaltsabrechnung'],
      [print, '0,10', 'Copyshop'],
      [print, '0,20', 'Copyshop'],
      [print, '999,75', 'Druckerei Beispiel'],
    ] as const) {
      const res = await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(l), spent_on: '2026-11-03', amount, payee, receipt_no: 'R-1', note: '' }));
      expect(res.status, await res.clone().text()).toBe(303);
    }
    expect((await sek.post(`/projects/${projectId}/accounts/tranches`, { received_on: '2026-03-01', amount: '10.000', note: '1. Abruf' })).status).toBe(303);
    expect((await sek.post(`/projects/${projectId}/accounts/tranches`, { received_on: '2026-09-01', amount: '2.500,01', note: '2. Abruf' })).status).toBe(303);

    const s = await accountsSummary(h.db, projectId);
    expect(s.lines.map((l) => [l.name, l.planned, l.spent, l.remaining, l.over])).toEqual([
      ['Projektleitung', 3000000, 1234567, 1765433, false],
      ['Druckkosten', 100000, 100005, -5, true],
    ]);
    expect(s).toMatchObject({ planned: 3100000, spent: 1334572, received: 1250001, balance: 1250001 - 1334572, remaining: 3100000 - 1334572, over: false });

    const html = await (await sek.get(`/projects/${projectId}/accounts`)).text();
    expect(html).toContain('<title>Projektabrechnung – KOMM-IN');
    expect(html).toContain(`1.000,05${NBSP}€`);
    expect(html).toContain(`-0,05${NBSP}€`);
    expect(html).toContain(`13.345,72${NBSP}€`);
    expect(html).toContain(`12.500,01${NBSP}€`);
    expect(html).toContain(`-845,71${NBSP}€`);
    // Over plan in words (with the row's colour as a second hint), once for the line only.
    expect(html.match(/über Plan/g)).toHaveLength(1);
    expect(html).toMatch(/<tr class="row-error">[\s\S]*?Druckkosten[\s\S]*?über Plan/);

    const actions = await h.db.selectFrom('audit_log').select('action').where('id', '>', auditMark).orderBy('id').execute();
    expect(actions.map((a) => a.action).filter((a) => a.startsWith('project_'))).toEqual([
      'project_budget_line.create',
      'project_budget_line.create',
      'project_expense.create',
      'project_expense.create',
      'project_expense.create',
      'project_expense.create',
      'project_tranche.create',
      'project_tranche.create',
    ]);
    // The audit page reads them as sentences.
    const audit = await (await ada.get('/admin/audit')).text();
    expect(audit).toContain('hat im Projekt „KOMM-IN NRW Kreis Mettmann“ eine Ausgabe von 0,10');
  });

  it('shows the money errors at their fields with 422 and stores nothing', async () => {
    const l = await line('Honorare', '500', 'fees');
    const before = { expenses: await count('project_expenses'), audit: await count('audit_log') };
    const cases: [string, string][] = [
      ['12,345', 'höchstens zwei Nachkommastellen'],
      ['-5', 'keinen negativen Betrag'],
      ['1.23,45', 'Tausenderpunkte stehen nur vor je drei Ziffern'],
      ['zwölf', 'Das ist kein Betrag'],
      ['', 'Bitte füllen Sie dieses Feld aus.'],
      ['0,00', 'größer als 0,00'],
      ['10.000.000,01', 'höchstens 10.000.000,00'],
    ];
    for (const [amount, message] of cases) {
      const res = await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(l), spent_on: '2026-11-03', amount, payee: 'Honorarkraft', receipt_no: '', note: '' }));
      expect(res.status, amount).toBe(422);
      const html = await res.text();
      expect(html, amount).toContain(message);
      expect(html).toMatch(/id="field-amount-error"/);
      expect(html).toMatch(/aria-invalid="true"[^>]*aria-describedby="field-amount-hint field-amount-error"|aria-describedby="field-amount-hint field-amount-error"/);
      // What was typed is shown again.
      if (amount) expect(html).toContain(`value="${amount}"`);
    }
    // A line's planned amount and a tranche the same way; the tranche's fields have ids of their own.
    const planned = await sek.post(`/projects/${projectId}/accounts/lines`, { category: 'travel', name: 'Fahrten', planned: '1,234' });
    expect(planned.status).toBe(422);
    expect(await planned.text()).toContain('id="field-planned-error"');
    const tranche = await sek.post(`/projects/${projectId}/accounts/tranches`, { received_on: '31.02.2026', amount: '-1', note: '' });
    expect(tranche.status).toBe(422);
    const th = await tranche.text();
    expect(th).toContain('id="tranche-amount-error"');
    expect(th).toContain('id="tranche-received_on-error"');
    expect(th).toContain('href="#tranche-amount"');
    expect(await count('project_expenses')).toBe(before.expenses);
    expect(await count('project_tranches')).toBe(0);
    expect(await count('project_budget_lines')).toBe(1);
    expect(await count('audit_log')).toBe(before.audit);
  });

  it('checks a receipt by its content, and stores nothing when it is refused', async () => {
    const l = await line('Material', '100');
    const exe = await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(l), spent_on: '2026-11-03', amount: '5', payee: 'Laden' }, { bytes: EXE, name: 'beleg.pdf' }));
    expect(exe.status).toBe(422);
    expect(await exe.text()).toContain('Diese Art Datei wird nicht angenommen');
    expect(await count('project_expenses')).toBe(0);
    expect(await count('project_files')).toBe(0);

    const ok = await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(l), spent_on: '2026-11-03', amount: '5', payee: 'Laden', receipt_no: 'B-7' }, { bytes: PDF, name: 'C:\\Scans\\Quittung März.pdf' }));
    expect(ok.status).toBe(303);
    const file = await h.db.selectFrom('project_files').select(['id', 'name', 'kind', 'content_type', 'project_id']).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ name: 'Quittung März.pdf', kind: 'receipt', content_type: 'application/pdf', project_id: projectId });
    const download = await sek.get(`/projects/${projectId}/accounts/receipts/${file.id}`);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Quittung M_rz.pdf"; filename*=UTF-8''Quittung%20M%C3%A4rz.pdf`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    // Editing: a forged line of another project is refused; dropping the receipt deletes its file.
    const expense = await h.db.selectFrom('project_expenses').select('id').executeTakeFirstOrThrow();
    const page = await (await sek.get(`/projects/${projectId}/accounts/expenses/${expense.id}`)).text();
    expect(page).toContain('value="5,00"');
    expect(page).toContain('Quittung März.pdf');
    const otherLine = await h.db.insertInto('project_budget_lines').values({ project_id: otherProjectId, category: 'other', name: 'Fremd', planned_cents: 1 }).returning('id').executeTakeFirstOrThrow();
    const forged = await sek.upload(`/projects/${projectId}/accounts/expenses/${expense.id}`, expenseForm({ budget_line_id: String(otherLine.id), spent_on: '2026-11-03', amount: '5', payee: 'Laden' }));
    expect(forged.status).toBe(422);
    const dropped = await sek.upload(`/projects/${projectId}/accounts/expenses/${expense.id}`, expenseForm({ budget_line_id: String(l), spent_on: '2026-11-04', amount: '6,50', payee: 'Laden', drop_receipt: 'on' }));
    expect(dropped.status).toBe(303);
    expect(await h.db.selectFrom('project_expenses').select(['amount_cents', 'receipt_file_id', 'spent_on']).executeTakeFirstOrThrow()).toEqual({ amount_cents: 650, receipt_file_id: null, spent_on: '2026-11-04' });
    expect(await count('project_files')).toBe(0);
    await h.db.deleteFrom('project_budget_lines').where('id', '=', otherLine.id).execute();
  });

  it('refuses to delete a line with expenses, with a clear message, and deletes it once they are gone', async () => {
    const l = await line('Reisen', '300', 'travel');
    await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(l), spent_on: '2026-11-03', amount: '42', payee: 'Bahn' }));
    const page = await (await sek.get(`/projects/${projectId}/accounts/lines/${l}`)).text();
    expect(page).toContain('Auf dieser Position sind Ausgaben gebucht (1)');
    expect(page).not.toContain(`/lines/${l}/delete`);
    const refused = await sek.post(`/projects/${projectId}/accounts/lines/${l}/delete`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Die Budgetposition wurde nicht gelöscht');
    expect(await count('project_budget_lines')).toBe(1);

    const expense = await h.db.selectFrom('project_expenses').select('id').executeTakeFirstOrThrow();
    expect((await sek.post(`/projects/${projectId}/accounts/expenses/${expense.id}/delete`, {})).status).toBe(303);
    expect((await sek.post(`/projects/${projectId}/accounts/lines/${l}/delete`, {})).status).toBe(303);
    expect(await count('project_budget_lines')).toBe(0);
    // Ids of another project's records are not found through this one.
    const other = await h.db.insertInto('project_tranches').values({ project_id: otherProjectId, received_on: '2026-01-01', amount_cents: 100, note: null, created_by_user_id: null, created_at: AT }).returning('id').executeTakeFirstOrThrow();
    expect((await sek.get(`/projects/${projectId}/accounts/tranches/${other.id}`)).status).toBe(404);
    expect((await sek.post(`/projects/${projectId}/accounts/tranches/${other.id}/delete`, {})).status).toBe(404);
    expect(await count('project_tranches')).toBe(1);
  });

  it('edits a line and a tranche', async () => {
    const l = await line('Öffentlichkeit', '100');
    expect((await sek.post(`/projects/${projectId}/accounts/lines/${l}`, { category: 'other', name: 'Öffentlichkeitsarbeit', planned: '150,5', position: '3' })).status).toBe(303);
    expect(await h.db.selectFrom('project_budget_lines').select(['category', 'name', 'planned_cents', 'position']).where('id', '=', l).executeTakeFirstOrThrow()).toEqual({ category: 'other', name: 'Öffentlichkeitsarbeit', planned_cents: 15050, position: 3 });
    await sek.post(`/projects/${projectId}/accounts/tranches`, { received_on: '2026-03-01', amount: '100', note: '' });
    const tr = await h.db.selectFrom('project_tranches').select('id').executeTakeFirstOrThrow();
    expect(await (await sek.get(`/projects/${projectId}/accounts/tranches/${tr.id}`)).text()).toContain('value="100,00"');
    expect((await sek.post(`/projects/${projectId}/accounts/tranches/${tr.id}`, { received_on: '02.03.2026', amount: '1.100', note: 'korrigiert' })).status).toBe(303);
    expect(await h.db.selectFrom('project_tranches').select(['received_on', 'amount_cents', 'note']).executeTakeFirstOrThrow()).toEqual({ received_on: '2026-03-02', amount_cents: 110000, note: 'korrigiert' });
    expect((await sek.post(`/projects/${projectId}/accounts/tranches/${tr.id}/delete`, {})).status).toBe(303);
    expect(await count('project_tranches')).toBe(0);
  });
});

describe('exactness', () => {
  it('sums many cents exactly on this dialect (SQLite, or PostgreSQL with TEST_DATABASE_URL)', async () => {
    const [a, b] = [await line('Cent-Zeile A', '0'), await line('Cent-Zeile B', '0')];
    const amounts: number[] = [];
    const rows = [];
    for (let i = 1; i <= 600; i++) {
      // 0,01 € steps, and the classic 0,10 / 0,20 pairs, and some large ones.
      const cents = i % 3 === 0 ? 10 : i % 3 === 1 ? 20 : i * 1 + (i % 50 === 0 ? 987654321 : 0);
      amounts.push(cents);
      rows.push({ project_id: projectId, budget_line_id: i % 2 ? a : b, spent_on: '2026-11-01', amount_cents: cents, payee: `P${i}`, receipt_no: null, receipt_file_id: null, note: null, created_by_user_id: null, created_at: AT });
    }
    for (let i = 0; i < rows.length; i += 100) await h.db.insertInto('project_expenses').values(rows.slice(i, i + 100)).execute();
    for (let i = 1; i <= 7; i++) await h.db.insertInto('project_tranches').values({ project_id: projectId, received_on: '2026-01-01', amount_cents: i === 7 ? 999999999 : 10, note: null, created_by_user_id: null, created_at: AT }).execute();
    const expected = amounts.reduce((x, y) => x + y, 0);
    const s = await accountsSummary(h.db, projectId);
    expect(Number.isSafeInteger(s.spent)).toBe(true);
    expect(s.spent).toBe(expected);
    expect(s.lines[0]!.spent + s.lines[1]!.spent).toBe(expected);
    expect(s.lines[0]!.spent).toBe(amounts.filter((_, i) => i % 2 === 0).reduce((x, y) => x + y, 0));
    expect(s.received).toBe(6 * 10 + 999999999);
    expect(s.balance).toBe(s.received - expected);
    expect(typeof s.spent).toBe('number');
    const csv = await (await sek.get(`/projects/${projectId}/accounts.csv`)).text();
    expect(csv).toContain(`Ausgaben gesamt;;;;;;;;${csvEuro(expected)};0,00;${csvEuro(-expected)}`);
  });
});

describe('exports', () => {
  beforeEach(async () => {
    const staff = await line('Projektleitung', '30.000', 'staff');
    const print = await line('Druck; Versand', '100');
    await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(staff), spent_on: '2026-10-31', amount: '1.234,56', payee: '=HYPERLINK("http://x")', receipt_no: 'G-10', note: 'Oktober' }, { bytes: PDF, name: 'gehalt.pdf' }));
    await sek.upload(`/projects/${projectId}/accounts/expenses`, expenseForm({ budget_line_id: String(print), spent_on: '2026-11-02', amount: '100,01', payee: 'Druckerei Müller', receipt_no: 'D-1' }));
    await sek.post(`/projects/${projectId}/accounts/tranches`, { received_on: '2026-02-01', amount: '1.000', note: '1. Abruf' });
  });

  it('the CSV: BOM, semicolons, decimal commas, every expense and the summary, formulas defused, negative numbers kept', async () => {
    const res = await sek.get(`/projects/${projectId}/accounts.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Projektabrechnung_KOMM-IN_2026-11-25.csv"/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Art;Datum;Kategorie;Bezeichnung;Empfänger;Belegnummer;Beleg (Datei, optional);Vermerk;Betrag (EUR);Geplant;Verbleibendes Budget');
    expect(lines).toContain(`Ausgabe;31.10.2026;Personal;Projektleitung;"'=HYPERLINK(""http://x"")";G-10;gehalt.pdf;Oktober;1234,56;;`);
    expect(lines).toContain('Ausgabe;02.11.2026;Sachkosten;"Druck; Versand";Druckerei Müller;D-1;;;100,01;;');
    expect(lines).toContain('Mitteleingang;01.02.2026;;;;;;1. Abruf;1000,00;;');
    expect(lines).toContain('Budgetposition;;Personal;Projektleitung;;;;;1234,56;30000,00;28765,44');
    expect(lines).toContain('Budgetposition;;Sachkosten;"Druck; Versand";;;;über Plan;100,01;100,00;-0,01');
    expect(lines).toContain('Ausgaben gesamt;;;;;;;;1334,57;30100,00;28765,43');
    expect(lines).toContain('Eingegangene Mittel gesamt;;;;;;;;1000,00;;');
    expect(lines).toContain('Saldo (Eingänge minus Ausgaben);;;;;;;;-334,57;;');
  });

  it('the PDF: tagged, German, embedded fonts, tables with header cells, the sums and the receipts', async () => {
    const res = await sek.get(`/projects/${projectId}/accounts.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="Projektabrechnung_KOMM-IN_2026-11-25.pdf"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (process.env.PDF_DUMP) writeFileSync(path.join(process.env.PDF_DUMP, 'accounts.pdf'), bytes);
    const info = poppler('pdfinfo', bytes);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Zahlenmäßiger Nachweis: KOMM-IN NRW Kreis Mettmann$/m);
    expect(poppler('pdfinfo', bytes, ['-meta'])).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Lang \(de-DE\)/);
    for (const font of poppler('pdffonts', bytes).split('\n').slice(2).filter((l) => l.trim())) expect(font).toMatch(/DejaVu\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const tree = poppler('pdfinfo', bytes, ['-struct-text']);
    expect(tree).toMatch(/^\s*H1\b/m);
    expect(tree).toMatch(/^\s*Table\b/m);
    // Header cells with column scope, one per column, for the tables of lines and of receipts.
    const th = (text: string) => new RegExp(`TH <[^>]+>:(?:\\n\\s+/[^\\n]*)*?\\n\\s+/Scope /Column(?:\\n\\s+/[^\\n]*)*\\n\\s+\\\\?"${text}`);
    for (const header of ['Kategorie', 'Geplant', 'Ausgegeben', 'Verbleibendes Budget', 'Empfänger', 'Beleg-Nr\\.']) expect(tree, header).toMatch(th(header));
    expect(tree).toMatch(/^\s*TD\b/m);
    const text = poppler('pdftotext', bytes).replace(/\s+/g, ' ');
    for (const expected of ['Zahlenmäßiger Nachweis: KOMM-IN NRW Kreis Mettmann', 'Förderkennzeichen: FKZ 2026-0815', 'Laufzeit: 01.01.2026 – 31.12.2027', 'Belegliste', 'Druckerei Müller', '1.234,56 €', '100,01 €', '-0,01 € (über Plan)', '1.334,57 €', '-334,57 €', 'Ort, Datum']) {
      expect(text, expected).toContain(expected);
    }
  });
});

describe('the demo', () => {
  it('gives the seeded projects plausible accounts, one line over plan, and runs twice without doubling', async () => {
    await h.db.deleteFrom('projects').where('short_name', 'in', ['MoKMe', 'MiA', 'MiMi']).execute();
    for (const [name, short] of [
      ['MoKMe – Migrantenorganisationen als Bündnispartner', 'MoKMe'],
      ['MiA – Migrantinnen und Migranten in Ausbildung', 'MiA'],
      ['MiMi – Mit Migranten für Migranten', 'MiMi'],
    ] as const)
      await project(name, short);
    await seedAccountsDemo(h.db, h.clock.now());
    await seedAccountsDemo(h.db, h.clock.now());
    const projects = await h.db.selectFrom('projects').select(['id', 'short_name']).execute();
    let withAccounts = 0;
    let over = 0;
    for (const p of projects) {
      const s = await accountsSummary(h.db, p.id);
      if (s.lines.length) withAccounts++;
      over += s.lines.filter((l) => l.over).length;
      if (s.lines.length) expect(s.spent, p.short_name!).toBeGreaterThan(0);
    }
    expect(withAccounts).toBeGreaterThanOrEqual(3);
    expect(over).toBe(1);
    const page = await sek.get(`/projects/${projectId}/accounts`);
    expect(page.status).toBe(200);
  });
});

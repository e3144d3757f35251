import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { splitPlaceholders } from '../../src/legal/markup.js';
import { CONTENT_LANGUAGE, contentLang, ErrorSummary, Notice, TextareaField } from '../components.js';
import { Markdown, type MarkdownOptions } from '../markdown.js';

/** Marked: a text with its [[placeholders]] highlighted (still to be filled by the admin). */
function Marked({ text }: { text: string }) {
  return (
    <>
      {splitPlaceholders(text).map((part) => (part.placeholder ? <mark class="placeholder">{part.text}</mark> : part.text))}
    </>
  );
}

/** PENDING: what the public reads in place of a placeholder (the texts are German in every interface language). */
export const PENDING = 'Diese Angabe wird ergänzt.';

/** Neutral: a text with each [[placeholder]] replaced by a neutral sentence (never a note meant for the admin). */
function Neutral({ text }: { text: string }) {
  return <>{splitPlaceholders(text).map((part) => (part.placeholder ? PENDING : part.text))}</>;
}

/** Legal texts: the page has only its h1, so "#" and "##" become h2, "###" h3 (as before Markdown). */
const LEGAL_HEADINGS: MarkdownOptions = { headingShift: 0, minHeading: 2, Text: Marked };
const PUBLIC_HEADINGS: MarkdownOptions = { ...LEGAL_HEADINGS, Text: Neutral };

/**
 * LegalText: a stored text rendered from its Markdown tree; every text goes through JSX escaping. Its
 * placeholders are marked for admins (`forPublic` false) and a neutral sentence for everyone else.
 */
export function LegalText({ text, forPublic = false }: { text: string; forPublic?: boolean }) {
  return <Markdown text={text} options={forPublic ? PUBLIC_HEADINGS : LEGAL_HEADINGS} />;
}

export interface LegalPageProps {
  t: Translate;
  title: string;
  body: string;
  /** "Stand: …" once an admin saved the text. */
  updated: string | null;
  /** For admins: where to edit it, how many placeholders are left, and which settings it lacks (their names). */
  edit: { href: string; placeholders: number; missingSettings: string[] } | null;
}

export function LegalPage(p: LegalPageProps) {
  const { t } = p;
  return (
    <article class="prose legal-text">
      <h1>{p.title}</h1>
      {p.edit ? (
        <p>
          <a class="button button--secondary" href={p.edit.href}>
            {t('legal.edit')}
          </a>
        </p>
      ) : null}
      {p.edit && p.edit.missingSettings.length > 0 ? (
        <div class="notice notice--error" role="status">
          <p>{t('legal.missingSettings', { fields: p.edit.missingSettings.join(', ') })}</p>
          <p>
            <a href="/admin/settings">{t('legal.missingSettingsLink')}</a>
          </p>
        </div>
      ) : null}
      {p.edit && p.edit.placeholders > 0 ? (
        <Notice kind="info">
          {t('legal.placeholdersLeft', { count: p.edit.placeholders })} {t('legal.placeholdersPublic')}
        </Notice>
      ) : null}
      {/* Written by the district's staff in German; in the English interface it stays German. */}
      <div lang={contentLang(t)}>
        <LegalText text={p.body} forPublic={!p.edit} />
      </div>
      {p.updated ? <p class="meta">{t('legal.updated', { date: p.updated })}</p> : null}
    </article>
  );
}

export interface SiteTextRow {
  slug: string;
  title: string;
  updated: string | null;
  placeholders: number;
}

/** SiteTextsPage: the admin's list of the texts they write. */
export function SiteTextsPage({ t, rows }: { t: Translate; rows: SiteTextRow[] }) {
  return (
    <section>
      <h1>{t('legal.admin.title')}</h1>
      <p>{t('legal.admin.lead')}</p>
      <table class="table">
        <caption class="visually-hidden">{t('legal.admin.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('legal.admin.text')}</th>
            <th scope="col">{t('legal.admin.state')}</th>
            <th scope="col">{t('legal.admin.placeholders')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/texts/${r.slug}`}>{r.title}</a> (<a href={`/${r.slug}`}>{`/${r.slug}`}</a>)
              </td>
              <td>{r.updated ? t('legal.updated', { date: r.updated }) : t('legal.admin.default')}</td>
              <td>{r.placeholders}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export interface EditSiteTextProps {
  t: Translate;
  /** The {{placeholders}} for the settings, with their names (the editor's hint). */
  fields: string;
  slug: string;
  title: string;
  body: string;
  isDefault: boolean;
  placeholders: number;
  errors?: FieldErrors;
}

/** EditSiteTextPage: the admin edits one text (prefilled with the default until saved once). */
export function EditSiteTextPage(p: EditSiteTextProps) {
  const { t } = p;
  return (
    <section>
      <p>
        <a href="/admin/texts">← {t('legal.admin.title')}</a>
      </p>
      <h1>{t('legal.admin.editTitle', { title: p.title })}</h1>
      {p.isDefault ? <Notice kind="info">{t('legal.admin.isDefault')}</Notice> : null}
      {p.placeholders > 0 ? <Notice kind="info">{t('legal.placeholdersLeft', { count: p.placeholders })}</Notice> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`/admin/texts/${p.slug}`} class="form form--wide" novalidate>
        <p class="field__hint">{t('legal.admin.fieldsHint', { fields: p.fields })}</p>
        <TextareaField t={t} lang={CONTENT_LANGUAGE} name="body" label="legal.admin.body" hint="legal.admin.bodyHint" value={p.body} errors={p.errors} required rows={30} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('form.save')}
          </button>
          <a href={`/${p.slug}`}>{t('legal.admin.view')}</a>
        </div>
      </form>
      {p.isDefault ? null : (
        <form method="post" action={`/admin/texts/${p.slug}/reset`} class="form">
          <button type="submit" class="button button--secondary">
            {t('legal.admin.reset')}
          </button>
        </form>
      )}
    </section>
  );
}

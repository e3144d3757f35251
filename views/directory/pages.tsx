import { raw } from 'hono/html';
import { referenceLabel } from '../../src/directory/choices.js';
import type { Entry } from '../../src/directory/entries.js';
import type { DirectoryHit, FacetCounts, FacetName } from '../../src/directory/search/index.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { Content, contentLang, ErrorSummary, Notice, Pagination } from '../components.js';
import { EntryFields, SubmitterFields, type EntryChoices, type EntryValues } from './form.js';

export interface FacetOption {
  value: string;
  label: string;
  /** A German name shown in another interface language (a field of action without an English name). */
  german?: boolean;
}

export interface SearchView {
  t: Translate;
  districtName: string;
  q: string;
  selected: Partial<Record<FacetName, string>>;
  options: Record<FacetName, FacetOption[]>;
  counts: FacetCounts;
  hits: DirectoryHit[];
  /** Kinds of organisation by key: the name in the page's language, `german` where it has none. */
  kindLabels: Map<string, { name: string; german: boolean }>;
  total: number;
  page: number;
  pageSize: number;
  /** The current query string without page (for pagination and export links). */
  query: string;
}

const FACETS: [FacetName, MessageKey][] = [
  ['city', 'directory.city'],
  ['field', 'directory.field'],
  ['kind', 'directory.kind'],
  ['language', 'directory.language'],
  ['target', 'directory.target'],
];

/** Facets: one select per filter, each option with its count under the other filters. */
export function Facets(p: SearchView & { oob?: boolean }) {
  const { t } = p;
  return (
    <div id="facets" class="facets" hx-swap-oob={p.oob ? 'true' : undefined}>
      {FACETS.map(([name, label]) => (
        <div class="field">
          <label for={`field-${name}`}>{t(label)}</label>
          <select id={`field-${name}`} name={name}>
            <option value="">{t('directory.any')}</option>
            {p.options[name].map((o) => (
              <option value={o.value} selected={p.selected[name] === o.value} lang={o.german ? contentLang(t) : undefined}>
                {`${o.label} (${p.counts[name].get(o.value) ?? 0})`}
              </option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
}

/** ResultCount: the number of hits, in a live region that stays in the page (screen readers hear it). */
export function ResultCount(p: SearchView & { oob?: boolean }) {
  return (
    <p id="results-count" role="status" hx-swap-oob={p.oob ? 'innerHTML' : undefined}>
      <strong>{p.t('directory.results', { count: p.total })}</strong>
    </p>
  );
}

/** Results: the hits, paging and export; what the live search swaps. */
export function Results(p: SearchView) {
  const { t } = p;
  return (
    <div id="results">
      <p>
        {p.total > 0 ? (
          <>
            <a href={`/directory.csv${p.query ? `?${p.query}` : ''}`} hx-boost="false">
              {t('directory.export')}
            </a>
          </>
        ) : null}
      </p>
      {p.hits.length === 0 ? (
        <p class="empty-state">{t('directory.noResults')}</p>
      ) : (
        <ul class="results-list">
          {p.hits.map((h) => (
            <li>
              <h2>
                <a href={`/directory/${h.id}`}>{h.name}</a>
              </h2>
              <p class="meta">
                <ListName t={t} label={p.kindLabels.get(h.kind)} />
                {p.kindLabels.has(h.kind) && h.place ? ' · ' : ''}
                {h.place}
              </p>
              {h.offers ? <p lang={contentLang(t)}>{h.offers.length > 200 ? `${h.offers.slice(0, 199)}…` : h.offers}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination t={t} page={p.page} hasNext={p.page * p.pageSize < p.total} href={(n) => `/directory?${p.query ? `${p.query}&` : ''}page=${n}`} />
    </div>
  );
}

export function SearchPage(p: SearchView) {
  const { t } = p;
  return (
    <section>
      <h1>{t('directory.title')}</h1>
      <p class="lead">{t('directory.lead', { district: p.districtName })}</p>
      <p>
        {t('directory.missing')} <a href="/directory/new">{t('directory.submitLink')}</a>
      </p>
      <p>
        <a href="/directory/overview">{t('directory.overviewLink')}</a>
      </p>
      <div class="directory-layout">
        <form
          method="get"
          action="/directory"
          role="search"
          class="form"
          hx-get="/directory"
          hx-target="#results"
          hx-swap="outerHTML"
          hx-trigger="input changed delay:300ms from:#field-q, change, submit"
          hx-push-url="true"
          // The newest search wins: htmx's default drops a new request while one is in flight, so a
          // filter chosen during a slow search was lost (seen in the keyboard test under load). Queued,
          // not "replace": replacing aborts the request in flight, and htmx reports every abort as an
          // error in the console, which a person's browser should never show for normal typing.
          hx-sync="this:queue last"
        >
          <div class="field">
            <label for="field-q">{t('directory.search')}</label>
            <input id="field-q" type="search" name="q" value={p.q} maxlength={200} autocomplete="off" />
          </div>
          <h2 class="visually-hidden">{t('directory.filters')}</h2>
          <Facets {...p} />
          <button type="submit" class="button">
            {t('directory.searchSubmit')}
          </button>
        </form>
        <div>
          <ResultCount {...p} />
          <Results {...p} />
        </div>
      </div>
    </section>
  );
}

export interface EntryView {
  t: Translate;
  entry: Entry;
  /** The kind's name in the page's language, `german` where it has none. */
  kind: { name: string; german: boolean };
  languageLabel: (code: string) => { name: string; german: boolean };
  /** The description shown first, and the other languages it exists in. */
  description: { language: string; text: string; rtl: boolean } | null;
  otherDescriptions: { language: string; name: string }[];
  /** The page's language has no description of its own: the German one is shown, with a note saying so. */
  onlyGerman?: boolean;
  formatDate: (at: string) => string;
  canEdit: boolean;
  /** The staff manage the entry's contacts and their consent. */
  canManageContacts: boolean;
  statusNotice: string | null;
  jsonLd: string;
}

export function EntryPage(p: EntryView) {
  const { t, entry } = p;
  const address = [entry.street, [entry.postal_code, entry.place].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <article>
      <script type="application/ld+json">{raw(p.jsonLd)}</script>
      <p>
        <a href="/directory">← {t('directory.title')}</a>
      </p>
      <h1>{entry.name}</h1>
      <p class="meta">
        <ListName t={t} label={p.kind} />
        {entry.city_name ? ` · ${entry.city_name}` : ''}
      </p>
      {p.statusNotice ? <Notice kind="info">{p.statusNotice}</Notice> : null}
      {p.canEdit ? (
        <p>
          <a class="button button--secondary" href={`/directory/${entry.id}/edit`}>
            {t('directory.edit')}
          </a>
          {p.canManageContacts ? (
            <>
              {' '}
              <a href={`/admin/directory/${entry.id}/contacts`}>{t('contacts.manage')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {p.description && p.onlyGerman ? <p class="description-note">{t('directory.descriptionOnlyGerman')}</p> : null}
      {p.description ? (
        <section class="prose" lang={p.description.language} dir={p.description.rtl ? 'rtl' : undefined} aria-label={t('directory.description')}>
          {p.description.text.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </section>
      ) : null}
      {p.otherDescriptions.length ? (
        <p class="translations">
          {p.otherDescriptions.map((d, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              {/* A language's own name, right to left for Arabic: isolated from the separators around it. */}
              <bdi>
                <a href={`/directory/${entry.id}?lang=${d.language}`} lang={d.language} hreflang={d.language}>
                  {d.name}
                </a>
              </bdi>
            </>
          ))}
        </p>
      ) : null}
      {entry.offers ? (
        <section aria-labelledby="offers">
          <h2 id="offers">{t('directory.offers')}</h2>
          <p lang={contentLang(t)}>{entry.offers}</p>
        </section>
      ) : null}
      <h2>{t('directory.contact')}</h2>
      <dl class="entry-facts">
        {address ? (
          <>
            <dt>{t('directory.address')}</dt>
            <dd>
              {address}
              <br />
              <a href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`} rel="noopener">
                {t('directory.map')}
              </a>
            </dd>
          </>
        ) : null}
        {entry.opening_hours ? (
          <>
            <dt>{t('directory.openingHours')}</dt>
            <dd class="pre-line" lang={contentLang(t)}>
              {entry.opening_hours}
            </dd>
          </>
        ) : null}
        {entry.phone ? (
          <>
            <dt>{t('directory.phone')}</dt>
            <dd>
              <a href={`tel:${entry.phone.replace(/[^0-9+]/g, '')}`}>{entry.phone}</a>
            </dd>
          </>
        ) : null}
        {entry.email ? (
          <>
            <dt>{t('directory.email')}</dt>
            <dd>
              <a href={`mailto:${entry.email}`}>{entry.email}</a>
            </dd>
          </>
        ) : null}
        {entry.website ? (
          <>
            <dt>{t('directory.websiteLabel')}</dt>
            <dd>
              <a href={entry.website} rel="noopener nofollow">
                {entry.website}
              </a>
            </dd>
          </>
        ) : null}
        {entry.languages.length ? (
          <>
            <dt>{t('directory.languages')}</dt>
            <dd>
              {entry.languages.map((l, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <ListName t={t} label={p.languageLabel(l)} />
                </>
              ))}
            </dd>
          </>
        ) : null}
        {entry.fields.length ? (
          <>
            <dt>{t('directory.fields')}</dt>
            <dd>
              <ReferenceNames t={t} items={entry.fields} />
            </dd>
          </>
        ) : null}
        {entry.targets.length ? (
          <>
            <dt>{t('directory.targets')}</dt>
            <dd>
              <ReferenceNames t={t} items={entry.targets} />
            </dd>
          </>
        ) : null}
        {entry.cities.length ? (
          <>
            <dt>{t('directory.cities')}</dt>
            <dd>{entry.cities.map((c) => c.name).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {entry.contacts.length ? (
        <section aria-labelledby="contacts">
          <h2 id="contacts">{t('directory.contacts')}</h2>
          <ul class="link-list">
            {entry.contacts.map((c) => (
              <li>
                {c.name}
                {c.job_function ? (
                  <>
                    {', '}
                    <Content t={t}>{c.job_function}</Content>
                  </>
                ) : null}
                {c.email ? (
                  <>
                    {' – '}
                    <a href={`mailto:${c.email}`}>{c.email}</a>
                  </>
                ) : null}
                {c.phone ? ` – ${c.phone}` : ''}
                {c.consented ? null : <span class="badge">{t('contacts.notPublic')}</span>}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={`/directory/${entry.id}.vcf`} download hx-boost="false">
          {t('directory.vcard')}
        </a>
      </p>
      {entry.last_confirmed_at ? <p class="meta">{t('directory.lastConfirmed', { date: p.formatDate(entry.last_confirmed_at) })}</p> : null}
    </article>
  );
}

export function NewEntryPage(p: { t: Translate; values: EntryValues; errors?: FieldErrors; failure?: string; choices: EntryChoices; districtName: string }) {
  const { t } = p;
  return (
    <section>
      <h1>{t('directory.new.title')}</h1>
      <p>{t('directory.new.lead')}</p>
      {p.failure ? <Notice kind="error">{p.failure}</Notice> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action="/directory/new" class="form form--wide" novalidate>
        <EntryFields t={t} values={p.values} errors={p.errors} choices={p.choices} />
        <SubmitterFields t={t} values={p.values} errors={p.errors} districtName={p.districtName} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('directory.new.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function EditEntryPage(p: { t: Translate; title: string; action: string; values: EntryValues; errors?: FieldErrors; choices: EntryChoices; submit: MessageKey; cancel: string; notice?: string }) {
  const { t } = p;
  return (
    <section>
      <h1>{p.title}</h1>
      {p.notice ? <Notice kind="info">{p.notice}</Notice> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={p.action} class="form form--wide" novalidate>
        <EntryFields t={t} values={p.values} errors={p.errors} choices={p.choices} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t(p.submit)}
          </button>
          <a href={p.cancel}>{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}

/** ListName: an entry of a reference list by its name in the page's language; the German one, where it has none, marked lang="de". */
function ListName({ t, label }: { t: Translate; label: { name: string; german: boolean } | undefined }) {
  if (!label) return null;
  return label.german && contentLang(t) ? <span lang={contentLang(t)}>{label.name}</span> : <>{label.name}</>;
}

/** ReferenceNames: fields of action or target groups in the reader's language; a German name kept in another language is marked as German. */
function ReferenceNames({ t, items }: { t: Translate; items: { name: string; names?: Partial<Record<string, string>> }[] }) {
  const locale = t('app.locale');
  return (
    <>
      {items.map((item, i) => {
        const label = referenceLabel(item, locale);
        return (
          <>
            {i > 0 ? ', ' : ''}
            <ListName t={t} label={{ name: label, german: label === item.name }} />
          </>
        );
      })}
    </>
  );
}

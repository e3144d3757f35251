import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../src/http/forms.js';
import type { MessageKey, Translate } from '../src/i18n/index.js';

/** Shared form and page parts. Views only render what they are given. */

export interface FieldProps {
  t: Translate;
  name: string;
  label: MessageKey;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'date' | 'time' | 'color' | 'search';
  value?: string;
  errors?: FieldErrors;
  hint?: MessageKey;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  autofocus?: boolean;
  /** id of a datalist with suggestions */
  list?: string;
  /** A label already translated (with placeholders filled), instead of `label`. */
  labelText?: string;
  /** The control's id when a page has several forms with the same field (default: field-<name>). */
  id?: string;
  /** The language of the text it holds, when that is people's content (CONTENT_LANGUAGE), whatever the interface's. */
  lang?: string;
}

/**
 * The labels of the form controls rendered in one request, by control id, so that the error summary
 * can name each message's field. Keyed by the request's translate function (a new one per request),
 * so requests never see each other's labels and the map goes with the request.
 */
const renderedLabels = new WeakMap<Translate, Map<string, string>>();

/** The requests (by their translate function, as above) whose page shows a form's errors. */
const requestsWithErrors = new WeakSet<Translate>();

/**
 * showsFormErrors: whether the page rendered so far in this request shows a form's errors (an error
 * summary or a field's message). The layout asks it after the page is rendered, to say so in the title.
 */
export function showsFormErrors(t: Translate): boolean {
  return requestsWithErrors.has(t);
}

/** FieldFrame: label, hint and error of one form control, tied to it for screen readers. */
function FieldFrame(p: { t: Translate; id: string; label: MessageKey; labelText?: string; hint?: MessageKey; error?: MessageKey; required?: boolean; children: Child }) {
  if (p.error) {
    requestsWithErrors.add(p.t);
    const labels = renderedLabels.get(p.t) ?? renderedLabels.set(p.t, new Map()).get(p.t)!;
    labels.set(p.id, p.labelText ?? p.t(p.label));
  }
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={p.id}>
        {p.labelText ?? p.t(p.label)}
        {p.required ? <span class="field__required"> ({p.t('form.required')})</span> : null}
      </label>
      {p.hint ? <p class="field__hint" id={`${p.id}-hint`}>{p.t(p.hint)}</p> : null}
      {p.error ? (
        <p class="field__error" id={`${p.id}-error`}>
          {p.t(p.error)}
        </p>
      ) : null}
      {p.children}
    </div>
  );
}

function describedBy(id: string, hint?: MessageKey, error?: MessageKey): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** Field: a labelled input with its hint and error message. */
export function Field(p: FieldProps) {
  const id = p.id ?? `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <FieldFrame t={p.t} id={id} label={p.label} labelText={p.labelText} hint={p.hint} error={error} required={p.required}>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : p.value}
        required={p.required}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        autofocus={p.autofocus}
        list={p.list}
        lang={p.lang}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, error)}
      />
    </FieldFrame>
  );
}

/** SelectField: a labelled select; `options` are value/label pairs already translated. */
export function SelectField(p: Omit<FieldProps, 'type' | 'maxlength' | 'autocomplete'> & { options: { value: string; label: string; lang?: string }[] }) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <FieldFrame t={p.t} id={id} label={p.label} labelText={p.labelText} hint={p.hint} error={error} required={p.required}>
      <select id={id} name={p.name} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, p.hint, error)}>
        {p.options.map((o) => (
          <option value={o.value} lang={o.lang} selected={o.value === (p.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** TextareaField: a labelled multi-line text. */
export function TextareaField(p: Omit<FieldProps, 'type' | 'autocomplete'> & { rows?: number; lang?: string; dir?: 'rtl' | 'ltr' }) {
  const id = p.id ?? `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <FieldFrame t={p.t} id={id} label={p.label} labelText={p.labelText} hint={p.hint} error={error} required={p.required}>
      <textarea id={id} name={p.name} lang={p.lang} dir={p.dir} rows={p.rows ?? 5} maxlength={p.maxlength} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, p.hint, error)}>
        {p.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** CheckboxField: a checkbox with its label after it. */
export function CheckboxField(p: { t: Translate; name: string; label: MessageKey; checked?: boolean; hint?: MessageKey }) {
  const id = `field-${p.name}`;
  return (
    <div class="field field--checkbox">
      <input type="checkbox" id={id} name={p.name} value="on" checked={p.checked} aria-describedby={p.hint ? `${id}-hint` : undefined} />
      <label for={id}>{p.t(p.label)}</label>
      {p.hint ? <p class="field__hint" id={`${id}-hint`}>{p.t(p.hint)}</p> : null}
    </div>
  );
}

/**
 * ErrorSummary lists a failed form's errors at its top, each linking to its field and naming it
 * ("E-Mail-Adresse: Bitte füllen Sie dieses Feld aus."), since the same message may stand at several
 * fields. It takes the focus (also after an htmx swap, which honours autofocus), so keyboard and screen
 * reader users land on it. `level` is its heading level: 3 inside a section headed by an h2.
 */
export function ErrorSummary({ t, errors, level = 2, idPrefix = 'field-' }: { t: Translate; errors?: FieldErrors; level?: 2 | 3; idPrefix?: string }) {
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, MessageKey] => Boolean(e[1]));
  if (entries.length === 0) return null;
  requestsWithErrors.add(t);
  return <SummaryAfterFields t={t} entries={entries} level={level} idPrefix={idPrefix} />;
}

/**
 * SummaryAfterFields: the summary stands above its form, so its fields are not rendered yet when it is.
 * hono/jsx renders the synchronous part of a page in one pass and only then awaits async components:
 * waiting one microtask lets every field of the page register its label first. A control drawn
 * without FieldFrame (a group of checkboxes, say) has no label here; its entry shows the message alone.
 */
async function SummaryAfterFields({ t, entries, level, idPrefix }: { t: Translate; entries: [string, MessageKey][]; level: 2 | 3; idPrefix: string }) {
  await Promise.resolve();
  const labels = renderedLabels.get(t);
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <div class="error-summary" role="alert" tabindex={-1} autofocus>
      <Heading class="error-summary__title">{t('form.errorSummary')}</Heading>
      <ul>
        {entries.map(([field, key]) => {
          if (field === '_form') return <li>{t(key)}</li>;
          const label = labels?.get(`${idPrefix}${field}`);
          return (
            <li>
              <a href={`#${idPrefix}${field}`}>{label ? `${label}: ${t(key)}` : t(key)}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The language people write the hub's content in (descriptions, agenda titles, the privacy notice,
 * reference lists like the fields of action): German, unless a text is stored with another language.
 */
export const CONTENT_LANGUAGE = 'de';

/**
 * contentLang: the lang attribute for an element holding text people wrote in `lang` (German by
 * default): the language when it differs from the interface's, so that a screen reader in the English
 * interface reads German text with German pronunciation; undefined when they match (nothing extra).
 * Form controls holding such text use the language itself, whatever the interface's (see Field's lang).
 */
export function contentLang(t: Translate, lang: string = CONTENT_LANGUAGE): string | undefined {
  return lang === t('app.locale') ? undefined : lang;
}

/**
 * Content: text people wrote, marked with its language where it differs from the interface's (see
 * contentLang): a span (or a div with `block`), or the text alone in the German interface. Text in a
 * right-to-left language, or any text that may stand inside one (a name in Arabic text), goes in
 * <bdi> with `isolate`, so that its direction does not reorder the words around it.
 */
export function Content({ t, lang = CONTENT_LANGUAGE, block, isolate, children }: { t: Translate; lang?: string; block?: boolean; isolate?: boolean; children?: Child }) {
  const marked = contentLang(t, lang);
  if (isolate) return <bdi lang={marked}>{children}</bdi>;
  if (!marked) return <>{children}</>;
  return block ? <div lang={marked}>{children}</div> : <span lang={marked}>{children}</span>;
}

/** Notice: a message box (not a form error), e.g. an invalid link. */
export function Notice({ kind, children }: { kind: 'info' | 'error' | 'success'; children: Child }) {
  return <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>{children}</div>;
}

/** Pagination: previous/next links that keep the page number in the URL (shareable, bookmarkable). */
export function Pagination({ t, page, hasNext, href, label }: { t: Translate; page: number; hasNext: boolean; href: (page: number) => string; label?: string }) {
  if (page <= 1 && !hasNext) return null;
  return (
    // A page with several paged lists names each list's navigation (landmarks must be told apart).
    <nav class="pagination" aria-label={label ?? t('pagination.label')}>
      {page > 1 ? <a href={href(page - 1)} rel="prev">{`← ${t('pagination.previous')}`}</a> : <span />}
      <span aria-current="page">{t('pagination.page', { page })}</span>
      {hasNext ? <a href={href(page + 1)} rel="next">{`${t('pagination.next')} →`}</a> : <span />}
    </nav>
  );
}

/** CsvUploadForm: the first step of every CSV import: choose a file, see a preview (nothing is saved yet). */
export function CsvUploadForm({ t, action, error }: { t: Translate; action: string; error?: string }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="form" hx-boost="false">
      <div class={error ? 'field field--error' : 'field'}>
        <label for="field-file">{t('import.file')}</label>
        {error ? (
          <p class="field__error" id="field-file-error">
            {error}
          </p>
        ) : null}
        <input id="field-file" type="file" name="file" accept=".csv,text/csv" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'field-file-error' : undefined} />
      </div>
      <div class="form__actions">
        <button type="submit" class="button">
          {t('import.preview')}
        </button>
      </div>
    </form>
  );
}

/**
 * ActionButton: one POST button that looks like a link, for an action on one row of a list; `context`
 * (the row's name) is read after the label by screen readers only, so every button has its own name.
 */
export function ActionButton({ action, label, context }: { action: string; label: string; context: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <button type="submit" class="button button--link">
        {label}
        <span class="visually-hidden">{`: ${context}`}</span>
      </button>
    </form>
  );
}

/**
 * ChoiceForm: the two buttons of a one-time link's page (accept or decline, confirm or cancel): one form,
 * each button sending its own value of `name`; `yes` is the primary action, `no` a secondary or (with
 * `dangerous`) a red one.
 */
export function ChoiceForm(p: { action: string; name: string; yes: { value: string; label: string }; no: { value: string; label: string }; dangerous?: boolean }) {
  return (
    <form method="post" action={p.action} class="form">
      <div class="form__actions">
        <button type="submit" name={p.name} value={p.yes.value} class="button">
          {p.yes.label}
        </button>
        <button type="submit" name={p.name} value={p.no.value} class={p.dangerous ? 'button button--danger' : 'button button--secondary'}>
          {p.no.label}
        </button>
      </div>
    </form>
  );
}

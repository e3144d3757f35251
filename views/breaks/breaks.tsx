import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { BreakRow } from '../../src/breaks/breaks.js';
import { ActionButton, CONTENT_LANGUAGE, Content, ErrorSummary, Field } from '../components.js';

export interface BreaksView {
  t: Translate;
  /** formatDay in the reader's language. */
  day: (day: string) => string;
  title: string;
  lead: string;
  /** Where the list and the form post: /admin/breaks or /groups/<slug>/breaks. */
  base: string;
  back?: { href: string; label: string };
  breaks: BreakRow[];
  /** On a group's page: the district's breaks, which the group's series skip as well (read only). */
  district?: BreakRow[];
  values: Record<string, string>;
  errors?: FieldErrors;
}

function Period({ t, day, b }: { t: Translate; day: (d: string) => string; b: BreakRow }) {
  return <>{t('breaks.period', { from: day(b.starts_on), until: day(b.ends_on) })}</>;
}

/** BreaksPage: the breaks of the district or of one group (name and period), one delete button each, and the form to add one. */
export function BreaksPage(p: BreaksView) {
  const { t, errors } = p;
  return (
    <section class="narrow">
      {p.back ? (
        <p>
          <a href={p.back.href}>← {p.back.label}</a>
        </p>
      ) : null}
      <h1>{p.title}</h1>
      <p>{p.lead}</p>
      <ErrorSummary t={t} errors={errors} />
      <h2 id="breaks-list">{t('breaks.listTitle')}</h2>
      {p.breaks.length === 0 ? (
        <p class="empty-state">{t('breaks.none')}</p>
      ) : (
        <ul class="link-list" aria-labelledby="breaks-list">
          {p.breaks.map((b) => (
            <li>
              <Content t={t}>{b.name}</Content>: <Period t={t} day={p.day} b={b} />{' '}
              <ActionButton action={`${p.base}/${b.id}/delete`} label={t('breaks.delete')} context={b.name} />
            </li>
          ))}
        </ul>
      )}
      {p.district ? (
        <>
          <h2 id="breaks-district">{t('breaks.districtTitle')}</h2>
          {p.district.length === 0 ? (
            <p class="empty-state">{t('breaks.none')}</p>
          ) : (
            <ul class="link-list" aria-labelledby="breaks-district">
              {p.district.map((b) => (
                <li>
                  <Content t={t}>{b.name}</Content>: <Period t={t} day={p.day} b={b} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <h2 id="breaks-add">{t('breaks.add')}</h2>
      <form method="post" action={p.base} class="form" novalidate aria-labelledby="breaks-add">
        <Field t={t} name="name" label="breaks.name" hint="breaks.nameHint" lang={CONTENT_LANGUAGE} value={p.values.name} errors={errors} required maxlength={200} />
        <div class="field-row">
          <Field t={t} name="starts_on" label="breaks.startsOn" type="date" value={p.values.starts_on} errors={errors} required />
          <Field t={t} name="ends_on" label="breaks.endsOn" type="date" value={p.values.ends_on} errors={errors} required />
        </div>
        <div class="form__actions">
          <button type="submit" class="button">
            {t('breaks.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

import type { City } from '../../src/db/schema.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CONTENT_LANGUAGE, ErrorSummary, Field } from '../components.js';
import { CouncilBodyField } from './council.js';

/** CouncilEditPage: the staff's form for a city's council data (body, elections, chair, contact, link). */
export function CouncilEditPage(p: { t: Translate; city: City; values: Record<string, string>; errors?: FieldErrors }) {
  const { t, errors, values } = p;
  return (
    <section class="narrow">
      <p>
        <a href={`/cities/${p.city.slug}`}>← {p.city.name}</a>
      </p>
      <h1>{t('cities.editTitle', { city: p.city.name })}</h1>
      <p>{t('cities.editLead')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/cities/${p.city.slug}/edit`} class="form" novalidate>
        <CouncilBodyField t={t} value={values.council_body} errors={errors} />
        <div class="field-row">
          <Field t={t} name="council_last_election" label="cities.lastElection" type="date" value={values.council_last_election} errors={errors} />
          <Field t={t} name="council_next_election" label="cities.nextElection" type="date" value={values.council_next_election} errors={errors} />
        </div>
        <Field t={t} name="council_chair" label="cities.chair" hint="cities.chairHint" lang={CONTENT_LANGUAGE} value={values.council_chair} errors={errors} maxlength={200} />
        <Field t={t} name="council_contact" label="cities.contact" hint="cities.contactHint" lang={CONTENT_LANGUAGE} value={values.council_contact} errors={errors} maxlength={500} />
        <Field t={t} name="council_url" label="cities.councilInfo" hint="cities.urlHint" type="url" value={values.council_url} errors={errors} maxlength={500} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('cities.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

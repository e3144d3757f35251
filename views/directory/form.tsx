import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { CheckboxField, CONTENT_LANGUAGE, contentLang, Field, SelectField, TextareaField } from '../components.js';
import { Honeypot } from '../honeypot.js';

/** The choices an entry form offers (from the database and the language list). */
export interface EntryChoices {
  /** `name` is the German name, `label` the page language's (the same where the list has none: marked lang="de"). */
  kinds: { key: string; name?: string; label: string }[];
  cities: { id: number; name: string }[];
  fields: { id: number; name: string; label: string }[];
  targets: { id: number; name: string; label: string }[];
  languages: { code: string; name: string; german?: boolean }[];
  descriptionLanguages: { code: string; name: string; rtl: boolean }[];
  /** Retired entries: listed only where the entry already has them (ticked), so that saving keeps them. */
  retired?: {
    kinds: { key: string; name?: string; label: string }[];
    fields: { id: number; name: string; label: string }[];
    targets: { id: number; name: string; label: string }[];
    languages: { code: string; name: string; german?: boolean }[];
  };
}

/** withKept: the active options, then the retired ones the entry already has, marked as retired. */
function withKept(t: Translate, active: { value: string; label: string; lang?: string }[], retired: { value: string; label: string; lang?: string }[], checked: string[]) {
  return [...active, ...retired.filter((o) => checked.includes(o.value)).map((o) => ({ ...o, label: t('reference.retiredMark', { name: o.label }) }))];
}

/** Form values: single values as strings, checkbox groups as lists. */
export type EntryValues = Record<string, string | string[] | undefined>;

function str(values: EntryValues, key: string): string | undefined {
  const v = values[key];
  return Array.isArray(v) ? v[0] : v;
}

function listOf(values: EntryValues, key: string): string[] {
  const v = values[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** CheckboxGroup: a fieldset of checkboxes sharing one name (a list in the form). */
function CheckboxGroup(p: { t: Translate; name: string; legend: MessageKey; options: { value: string; label: string; lang?: string }[]; checked: string[]; error?: MessageKey; columns?: boolean }) {
  return (
    <fieldset class={p.columns ? 'checkbox-group checkbox-group--columns' : 'checkbox-group'} aria-describedby={p.error ? `field-${p.name}-error` : undefined}>
      <legend>{p.t(p.legend)}</legend>
      {p.error ? (
        <p class="field__error" id={`field-${p.name}-error`}>
          {p.t(p.error)}
        </p>
      ) : null}
      {p.options.map((o) => (
        <div class="radio">
          <input type="checkbox" id={`field-${p.name}-${o.value}`} name={p.name} value={o.value} checked={p.checked.includes(o.value)} />
          <label for={`field-${p.name}-${o.value}`} lang={o.lang}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** EntryFields: every field of a directory entry, shared by the public submission, editing and review. */
export function EntryFields({ t, values, errors, choices }: { t: Translate; values: EntryValues; errors?: FieldErrors; choices: EntryChoices }) {
  const v = (k: string) => str(values, k);
  const retired = choices.retired ?? { kinds: [], fields: [], targets: [], languages: [] };
  const kind = v('kind') ?? 'migrant_organisation';
  const fieldOption = (f: { id: number; name: string; label: string }) => ({ value: String(f.id), label: f.label, lang: f.label === f.name ? contentLang(t) : undefined });
  const kindOption = (k: { key: string; name?: string; label: string }) => ({ value: k.key, label: k.label, lang: k.label === k.name ? contentLang(t) : undefined });
  const languageOption = (l: { code: string; name: string; german?: boolean }) => ({ value: l.code, label: l.name, lang: l.german ? contentLang(t) : undefined });
  return (
    <>
      <fieldset>
        <legend>{t('directory.new.organisation')}</legend>
        <Field t={t} name="name" label="groups.name" value={v('name')} errors={errors} required maxlength={300} />
        <SelectField t={t} name="kind" label="directory.kind" value={kind} errors={errors} required options={withKept(t, choices.kinds.map(kindOption), retired.kinds.map(kindOption), [kind])} />
        <TextareaField t={t} lang={CONTENT_LANGUAGE} name="offers" label="directory.offers" value={v('offers')} errors={errors} maxlength={5000} rows={4} />
        {choices.descriptionLanguages.map((lang) => (
          <div>
            <TextareaField
              t={t}
              // The German description is German in the English interface too.
              lang={lang.code}
              dir={lang.rtl ? 'rtl' : undefined}
              labelText={t('directory.descriptionIn', { language: lang.name })}
              name={`description_${lang.code}`}
              label="directory.descriptionIn"
              value={v(`description_${lang.code}`)}
              errors={errors}
              required={lang.code === 'de'}
              maxlength={5000}
              rows={lang.code === 'de' ? 6 : 3}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('directory.new.address')}</legend>
        <Field t={t} name="street" label="directory.address" value={v('street')} errors={errors} maxlength={200} autocomplete="street-address" />
        <Field t={t} name="postal_code" label="directory.postalCodeLabel" value={v('postal_code')} errors={errors} maxlength={5} autocomplete="postal-code" />
        <Field t={t} name="place" label="directory.place" value={v('place')} errors={errors} maxlength={100} autocomplete="address-level2" />
        <SelectField
          t={t}
          name="city_id"
          label="directory.city"
          value={v('city_id')}
          errors={errors}
          options={[{ value: '', label: t('people.noCity') }, ...choices.cities.map((c) => ({ value: String(c.id), label: c.name }))]}
        />
        <Field t={t} name="phone" label="directory.phone" type="tel" value={v('phone')} errors={errors} maxlength={50} />
        <Field t={t} name="email" label="directory.email" type="email" value={v('email')} errors={errors} maxlength={320} />
        <Field t={t} name="website" label="directory.websiteLabel" type="url" value={v('website')} errors={errors} maxlength={500} />
        <TextareaField t={t} lang={CONTENT_LANGUAGE} name="opening_hours" label="directory.openingHours" value={v('opening_hours')} errors={errors} maxlength={1000} rows={3} />
      </fieldset>
      <CheckboxGroup t={t} name="cities" legend="directory.cities" options={choices.cities.map((c) => ({ value: String(c.id), label: c.name }))} checked={listOf(values, 'cities')} error={errors?.cities} columns />
      <CheckboxGroup t={t} name="fields" legend="directory.fields" options={withKept(t, choices.fields.map(fieldOption), retired.fields.map(fieldOption), listOf(values, 'fields'))} checked={listOf(values, 'fields')} error={errors?.fields} columns />
      <CheckboxGroup t={t} name="targets" legend="directory.targets" options={withKept(t, choices.targets.map(fieldOption), retired.targets.map(fieldOption), listOf(values, 'targets'))} checked={listOf(values, 'targets')} error={errors?.targets} columns />
      <CheckboxGroup t={t} name="languages" legend="directory.languages" options={withKept(t, choices.languages.map(languageOption), retired.languages.map(languageOption), listOf(values, 'languages'))} checked={listOf(values, 'languages')} error={errors?.languages} columns />
    </>
  );
}

/** SubmitterFields: who submits, their consent, and the honeypot. */
export function SubmitterFields({ t, values, errors, districtName }: { t: Translate; values: EntryValues; errors?: FieldErrors; districtName: string }) {
  const v = (k: string) => str(values, k);
  return (
    <fieldset>
      <legend>{t('directory.new.submitter')}</legend>
      <Field t={t} name="submitter_name" label="directory.new.submitterName" value={v('submitter_name')} errors={errors} required maxlength={200} autocomplete="name" />
      <Field t={t} name="submitter_email" label="directory.new.submitterEmail" type="email" value={v('submitter_email')} errors={errors} required maxlength={320} autocomplete="email" />
      <Field t={t} name="submitter_phone" label="directory.new.submitterPhone" type="tel" value={v('submitter_phone')} errors={errors} maxlength={50} autocomplete="tel" />
      <CheckboxField t={t} name="publish_contact" label="directory.new.publishContact" checked={v('publish_contact') === 'on'} />
      <div class={errors?.consent ? 'field field--checkbox field--error' : 'field field--checkbox'}>
        <input type="checkbox" id="field-consent" name="consent" value="on" checked={v('consent') === 'on'} required aria-describedby={errors?.consent ? 'field-consent-error' : undefined} aria-invalid={errors?.consent ? 'true' : undefined} />
        <label for="field-consent">
          {t('directory.new.consent', { district: districtName })} <span class="field__required">({t('form.required')})</span>
        </label>
        {errors?.consent ? (
          <p class="field__error" id="field-consent-error">
            {t(errors.consent)}
          </p>
        ) : null}
      </div>
      <p>
        {t('directory.new.privacyHint')} <a href="/datenschutz">{t('legal.privacy')}</a>
      </p>
      <Honeypot t={t} />
    </fieldset>
  );
}

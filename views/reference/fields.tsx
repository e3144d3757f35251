import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { OTHER_LOCALES, type ReferenceList } from '../../src/reference/names.js';
import { languageName } from '../../src/directory/languages.js';
import { Field } from '../components.js';

/**
 * NameFields: the German name and the names in the other interface languages (each field in its own
 * language, so screen readers read it right), the position, and for languages the code (when added) and
 * the language's own name. Shared by the add form (list page) and the edit form (entry page).
 */
export function NameFields(p: { t: Translate; list: ReferenceList; values: Record<string, string>; errors?: FieldErrors; adding: boolean }) {
  const { t, values, errors } = p;
  const ui = t('app.locale');
  const languages = p.list === 'languages';
  return (
    <>
      {languages && p.adding ? <Field t={t} name="code" label="reference.code" hint="reference.codeHint" value={values.code} errors={errors} required maxlength={3} /> : null}
      <Field
        t={t}
        name="name_de"
        label="reference.nameIn"
        labelText={t('reference.nameIn', { language: languageName('de', ui) })}
        lang="de"
        hint={languages && p.adding ? 'reference.languageNameHint' : undefined}
        value={values.name_de}
        errors={errors}
        required={!(languages && p.adding)}
        maxlength={200}
      />
      {OTHER_LOCALES.map((locale) => (
        <Field
          t={t}
          name={`name_${locale}`}
          label="reference.nameIn"
          labelText={t('reference.nameIn', { language: languageName(locale, ui) })}
          lang={locale}
          hint={languages ? 'reference.languageNameHint' : 'reference.nameHint'}
          value={values[`name_${locale}`]}
          errors={errors}
          maxlength={200}
        />
      ))}
      {languages ? <Field t={t} name="endonym" label="reference.endonym" hint="reference.endonymHint" value={values.endonym} errors={errors} maxlength={200} /> : null}
      <Field t={t} name="position" label="reference.position" hint="reference.positionHint" value={values.position} errors={errors} maxlength={4} />
    </>
  );
}

import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { APPLICANTS, LEVELS, type ProgrammeFormValues } from '../../src/programmes/form.js';
import { CONTENT_LANGUAGE, CheckboxField, ErrorSummary, Field, SelectField, TextareaField } from '../components.js';
import { applicantLabel, levelLabel, statusLabel } from './labels.js';

type Option = { value: string; label: string };

function Boxes(p: { t: Translate; name: string; legend: MessageKey; options: Option[]; checked: string[]; error?: MessageKey }) {
  return (
    <fieldset class="checkbox-group checkbox-group--columns" aria-describedby={p.error ? `field-${p.name}-error` : undefined}>
      <legend>{p.t(p.legend)}</legend>
      {p.error ? (
        <p class="field__error" id={`field-${p.name}-error`}>
          {p.t(p.error)}
        </p>
      ) : null}
      {p.options.map((o) => (
        <div class="radio">
          <input type="checkbox" id={`field-${p.name}-${o.value}`} name={p.name} value={o.value} checked={p.checked.includes(o.value)} />
          <label for={`field-${p.name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** ProgrammeFormPage: add a programme, or edit one and archive or restore it. */
export function ProgrammeFormPage(p: {
  t: Translate;
  programme?: { id: number; name: string; archived: boolean };
  values: ProgrammeFormValues;
  errors?: FieldErrors;
  fields: Option[];
  targets: Option[];
  contacts: Option[];
}) {
  const { t, errors, values } = p;
  const v = values.text;
  const title = p.programme ? t('programmes.admin.editTitle') : t('programmes.admin.new');
  return (
    <section class="narrow">
      <p>
        <a href="/admin/programmes">← {t('programmes.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.programme ? `/admin/programmes/${p.programme.id}` : '/admin/programmes'} class="form form--wide" novalidate>
        <Field t={t} name="name" label="programmes.admin.name" lang={CONTENT_LANGUAGE} value={v.name} errors={errors} required maxlength={200} />
        <Field t={t} name="funder" label="programmes.funder" lang={CONTENT_LANGUAGE} value={v.funder} errors={errors} required maxlength={200} />
        <SelectField t={t} name="level" label="programmes.level" value={v.level} errors={errors} required options={[{ value: '', label: t('programmes.admin.choose') }, ...LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))]} />
        <TextareaField t={t} name="description" label="programmes.admin.description" lang={CONTENT_LANGUAGE} value={v.description} errors={errors} maxlength={10000} rows={6} />
        <Boxes t={t} name="applicants" legend="programmes.applicants" options={APPLICANTS.map((a) => ({ value: a, label: applicantLabel(t, a) }))} checked={values.applicants} error={errors?.applicants} />
        <Boxes t={t} name="fields" legend="programmes.fields" options={p.fields} checked={values.fields.map(String)} error={errors?.fields} />
        <Boxes t={t} name="targets" legend="programmes.targets" options={p.targets} checked={values.targets.map(String)} error={errors?.targets} />
        <Field t={t} name="amount_min" label="programmes.admin.amountMin" hint="programmes.admin.amountHint" value={v.amount_min} errors={errors} maxlength={20} />
        <Field t={t} name="amount_max" label="programmes.admin.amountMax" hint="programmes.admin.amountHint" value={v.amount_max} errors={errors} maxlength={20} />
        <Field t={t} name="rate_percent" label="programmes.admin.rate" value={v.rate_percent} errors={errors} maxlength={3} />
        <Field t={t} name="own_share" label="programmes.ownShare" lang={CONTENT_LANGUAGE} value={v.own_share} errors={errors} maxlength={500} />
        <Field t={t} name="link" label="programmes.link" hint="programmes.admin.linkHint" type="url" value={v.link} errors={errors} maxlength={500} />
        <SelectField t={t} name="office_contact_id" label="programmes.contact" value={v.office_contact_id} errors={errors} options={[{ value: '', label: t('programmes.admin.noContactPerson') }, ...p.contacts]} />
        <Field t={t} name="contact_text" label="programmes.admin.contactText" hint="programmes.admin.contactTextHint" lang={CONTENT_LANGUAGE} value={v.contact_text} errors={errors} maxlength={300} />
        <SelectField t={t} name="status" label="programmes.statusLabel" value={v.status} errors={errors} required options={(['open', 'closed'] as const).map((s) => ({ value: s, label: statusLabel(t, s) }))} />
        <CheckboxField t={t} name="rolling" label="programmes.admin.rolling" checked={v.rolling === 'on'} />
        <TextareaField t={t} name="deadlines" label="programmes.deadlines" hint="programmes.admin.deadlinesHint" lang={CONTENT_LANGUAGE} value={v.deadlines} errors={errors} rows={4} maxlength={12000} />
        <Field t={t} name="last_checked" label="programmes.lastCheckedLabel" hint="programmes.admin.dayHint" type="date" value={v.last_checked} errors={errors} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('programmes.admin.save')}
          </button>
          <a href="/admin/programmes">{t('form.cancel')}</a>
        </div>
      </form>
      {p.programme ? (
        <>
          <h2 id="archive-programme">{p.programme.archived ? t('programmes.admin.restore') : t('programmes.admin.archive')}</h2>
          <p>{p.programme.archived ? t('programmes.admin.restoreText') : t('programmes.admin.archiveText')}</p>
          <form method="post" action={`/admin/programmes/${p.programme.id}/${p.programme.archived ? 'restore' : 'archive'}`} class="form" aria-labelledby="archive-programme">
            <button type="submit" class={p.programme.archived ? 'button' : 'button button--danger'}>
              {p.programme.archived ? t('programmes.admin.restore') : t('programmes.admin.archive')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

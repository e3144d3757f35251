import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { STATUSES, type ProjectFormValues } from '../../src/projects/form.js';
import { CONTENT_LANGUAGE, ErrorSummary, Field, SelectField, TextareaField } from '../components.js';
import { statusLabel } from './labels.js';

type Option = { value: string; label: string };

/** Boxes: a group of checkboxes, the multi-select that works without JavaScript (and scrolls when long). */
function Boxes(p: { t: Translate; name: string; legend: MessageKey; hint?: MessageKey; options: Option[]; checked: number[]; error?: MessageKey; empty?: MessageKey }) {
  const described = [p.hint ? `field-${p.name}-hint` : '', p.error ? `field-${p.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class="checkbox-group checkbox-group--columns" id={`field-${p.name}`} aria-describedby={described}>
      <legend>{p.t(p.legend)}</legend>
      {p.hint ? (
        <p class="field__hint" id={`field-${p.name}-hint`}>
          {p.t(p.hint)}
        </p>
      ) : null}
      {p.error ? (
        <p class="field__error" id={`field-${p.name}-error`}>
          {p.t(p.error)}
        </p>
      ) : null}
      {p.options.length === 0 && p.empty ? <p class="empty-state">{p.t(p.empty)}</p> : null}
      {p.options.map((o) => (
        <div class="radio">
          <input type="checkbox" id={`field-${p.name}-${o.value}`} name={p.name} value={o.value} checked={p.checked.includes(Number(o.value))} />
          <label for={`field-${p.name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** ProjectFormPage: add a project, or edit one and archive or restore it (projects are never deleted). */
export function ProjectFormPage(p: {
  t: Translate;
  project?: { id: number; name: string; archived: boolean };
  values: ProjectFormValues;
  errors?: FieldErrors;
  programmes: Option[];
  partners: Option[];
  cities: Option[];
  fields: Option[];
  staff: Option[];
}) {
  const { t, errors, values } = p;
  const v = values.text;
  const back = p.project ? `/projects/${p.project.id}` : '/projects';
  return (
    <section class="narrow">
      <p>
        <a href={back}>← {p.project ? p.project.name : t('projects.title')}</a>
      </p>
      <h1>{p.project ? t('projects.editTitle') : t('projects.new')}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.project ? `/projects/${p.project.id}` : '/projects'} class="form form--wide" novalidate>
        <Field t={t} name="name" label="projects.name" lang={CONTENT_LANGUAGE} value={v.name} errors={errors} required maxlength={200} />
        <Field t={t} name="short_name" label="projects.shortName" hint="projects.shortNameHint" lang={CONTENT_LANGUAGE} value={v.short_name} errors={errors} maxlength={50} />
        <TextareaField t={t} name="description" label="projects.description" lang={CONTENT_LANGUAGE} value={v.description} errors={errors} maxlength={10000} rows={6} />
        <SelectField t={t} name="status" label="projects.statusLabel" value={v.status} errors={errors} required options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))} />
        <SelectField t={t} name="responsible_user_id" label="projects.responsible" hint="projects.responsibleHint" value={v.responsible_user_id} errors={errors} options={[{ value: '', label: t('projects.nobody') }, ...p.staff]} />
        <Field t={t} name="starts_on" label="projects.startsOn" hint="projects.dayHint" type="date" value={v.starts_on} errors={errors} />
        <Field t={t} name="ends_on" label="projects.endsOn" hint="projects.dayHint" type="date" value={v.ends_on} errors={errors} />
        <Field t={t} name="reference_no" label="projects.referenceNo" hint="projects.referenceNoHint" value={v.reference_no} errors={errors} maxlength={100} />
        <Boxes t={t} name="programmes" legend="projects.programmes" options={p.programmes} checked={values.programmes} error={errors?.programmes} empty="projects.noProgrammes" />
        <Boxes t={t} name="partners" legend="projects.partners" hint="projects.partnersHint" options={p.partners} checked={values.partners} error={errors?.partners} empty="projects.noPartners" />
        <Boxes t={t} name="cities" legend="projects.cities" options={p.cities} checked={values.cities} error={errors?.cities} />
        <Boxes t={t} name="fields" legend="projects.fields" options={p.fields} checked={values.fields} error={errors?.fields} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('projects.save')}
          </button>
          <a href={back}>{t('form.cancel')}</a>
        </div>
      </form>
      {p.project ? (
        <>
          <h2 id="archive-project">{p.project.archived ? t('projects.restore') : t('projects.archive')}</h2>
          <p>{p.project.archived ? t('projects.restoreText') : t('projects.archiveText')}</p>
          <form method="post" action={`/projects/${p.project.id}/${p.project.archived ? 'restore' : 'archive'}`} class="form" aria-labelledby="archive-project">
            <button type="submit" class={p.project.archived ? 'button' : 'button button--danger'}>
              {p.project.archived ? t('projects.restore') : t('projects.archive')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

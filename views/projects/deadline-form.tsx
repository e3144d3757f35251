import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { DEADLINE_KINDS } from '../../src/projects/form.js';
import { CONTENT_LANGUAGE, ErrorSummary, Field, SelectField } from '../components.js';
import { deadlineKindLabel } from './labels.js';

/** DeadlineFields: kind, title and due day, shared by the project page's "add" form and the edit page. */
export function DeadlineFields(p: { t: Translate; values?: Record<string, string>; errors?: FieldErrors }) {
  const { t, errors } = p;
  const v = p.values ?? {};
  return (
    <>
      <SelectField t={t} name="kind" label="projects.deadlines.kind" value={v.kind ?? 'milestone'} errors={errors} required options={DEADLINE_KINDS.map((k) => ({ value: k, label: deadlineKindLabel(t, k) }))} />
      <Field t={t} name="title" label="projects.deadlines.titleLabel" hint="projects.deadlines.titleHint" lang={CONTENT_LANGUAGE} value={v.title} errors={errors} required maxlength={200} />
      <Field t={t} name="due_on" label="projects.deadlines.dueOn" hint="projects.dayHint" type="date" value={v.due_on} errors={errors} required />
    </>
  );
}

/** DeadlineFormPage: change a deadline's kind, title or day (a new day: the reminder is sent again before it). */
export function DeadlineFormPage(p: { t: Translate; project: { id: number; name: string }; deadlineId: number; values: Record<string, string>; errors?: FieldErrors }) {
  const { t } = p;
  return (
    <section class="narrow">
      <p>
        <a href={`/projects/${p.project.id}#deadlines`}>← {p.project.name}</a>
      </p>
      <h1>{t('projects.deadlines.editTitle')}</h1>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`/projects/${p.project.id}/deadlines/${p.deadlineId}`} class="form" novalidate>
        <DeadlineFields t={t} values={p.values} errors={p.errors} />
        <p class="field__hint">{t('projects.deadlines.moveHint')}</p>
        <div class="form__actions">
          <button type="submit" class="button">
            {t('projects.save')}
          </button>
          <a href={`/projects/${p.project.id}#deadlines`}>{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}

import type { Translate } from '../../src/i18n/index.js';
import type { FieldOption } from '../../src/reports/tags.js';
import { ErrorSummary } from '../components.js';

type Label = { id: number; label: string; retired: boolean };

/** FieldLabels: the fields of action as small labels (a list), retired ones marked. */
export function FieldLabels({ t, fields }: { t: Translate; fields: Label[] }) {
  return (
    <ul class="field-labels" aria-label={t('reports.tags.heading')}>
      {fields.map((f) => (
        <li class="badge">{f.retired ? t('reference.retiredMark', { name: f.label }) : f.label}</li>
      ))}
    </ul>
  );
}

/**
 * FieldsSection: the fields of action on a group or meeting page: labels, or why there are none (a meeting
 * without its own counts under its group's), and the link to edit them for those who may.
 */
export function FieldsSection({ t, fields, inherited, editHref }: { t: Translate; fields: Label[]; inherited?: boolean; editHref?: string }) {
  return (
    <section class="section" aria-labelledby="fields-of-action">
      <h2 id="fields-of-action">{t('reports.tags.heading')}</h2>
      {fields.length ? <FieldLabels t={t} fields={fields} /> : <p class="meta">{t(inherited ? 'reports.tags.fromGroup' : 'reports.tags.none')}</p>}
      {editHref ? (
        <p>
          <a href={editHref}>{t('reports.tags.edit')}</a>
        </p>
      ) : null}
    </section>
  );
}

/** FieldCheckboxes: one accessible group (fieldset and legend) of the active fields and the kept retired ones. */
function FieldCheckboxes({ t, name, legend, options, checked, error }: { t: Translate; name: string; legend: string; options: FieldOption[]; checked: number[]; error?: boolean }) {
  const shown = options.filter((o) => !o.retired || checked.includes(o.id));
  return (
    <fieldset id={`field-${name}`} class="checkbox-group checkbox-group--columns" aria-describedby={error ? `field-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p class="field__error" id={`field-${name}-error`}>
          {t('reports.tags.unknown')}
        </p>
      ) : null}
      {shown.map((o) => (
        <div class="radio">
          <input type="checkbox" id={`field-${name}-${o.id}`} name={name} value={String(o.id)} checked={checked.includes(o.id)} />
          <label for={`field-${name}-${o.id}`}>{o.retired ? t('reference.retiredMark', { name: o.label }) : o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export interface TagFormProps {
  t: Translate;
  title: string;
  lead: string;
  action: string;
  cancel: string;
  options: FieldOption[];
  /** The meeting's or group's checkbox group ("fields"). */
  own: { legend: string; checked: number[] };
  /** A meeting's agenda items, each its own checkbox group ("item-<id>"). */
  items?: { id: number; legend: string; checked: number[] }[];
  /** The name of the group with an unknown field. */
  error?: string;
}

/** TagFormPage: the fields of action of a group, or of a meeting and its agenda items, in one form. */
export function TagFormPage(p: TagFormProps) {
  const { t } = p;
  return (
    <section>
      <h1>{p.title}</h1>
      <p>{p.lead}</p>
      <ErrorSummary t={t} errors={p.error ? { [p.error]: 'reports.tags.unknown' } : undefined} />
      <form method="post" action={p.action} class="form">
        <FieldCheckboxes t={t} name="fields" legend={p.own.legend} options={p.options} checked={p.own.checked} error={p.error === 'fields'} />
        {p.items?.length === 0 ? <p class="meta">{t('reports.tags.noItems')}</p> : null}
        {p.items?.map((item) => (
          <FieldCheckboxes t={t} name={`item-${item.id}`} legend={item.legend} options={p.options} checked={item.checked} error={p.error === `item-${item.id}`} />
        ))}
        <div class="form__actions">
          <button type="submit" class="button">
            {t('form.save')}
          </button>
          <a href={p.cancel} class="button button--secondary">
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}

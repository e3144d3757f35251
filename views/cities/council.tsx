import { COUNCIL_BODIES } from '../../src/cities/cities.js';
import type { City } from '../../src/db/schema.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { SelectField } from '../components.js';

/** councilBodyLabel: "Integrationsrat", "Integrationsausschuss" or "no integration council body". */
export function councilBodyLabel(t: Translate, body: City['council_body']): string {
  return t(`cities.body.${body ?? 'none'}` as MessageKey);
}

/** CouncilBodyField: the select of a city's integration council body (none, or one of COUNCIL_BODIES), in the admins' city form and the staff's council form. */
export function CouncilBodyField({ t, value, errors }: { t: Translate; value: string | undefined; errors?: FieldErrors }) {
  return (
    <SelectField
      t={t}
      name="council_body"
      label="cities.body"
      value={value}
      errors={errors}
      options={[{ value: '', label: councilBodyLabel(t, null) }, ...COUNCIL_BODIES.map((body) => ({ value: body, label: councilBodyLabel(t, body) }))]}
    />
  );
}

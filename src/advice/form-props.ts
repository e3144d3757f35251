import type { Context } from 'hono';
import type { AdviceFormProps, AdviceFormState } from '../../views/advice/request-form.js';
import type { AppEnv } from '../http/env.js';
import { ANSWER_WORKING_DAYS, publishedOrganisations } from './requests.js';

/**
 * adviceFormProps: what the advice form on a programme's page needs (src/programmes/routes.tsx renders
 * the page, src/advice/routes.tsx renders it again with the errors of a sent form).
 */
export async function adviceFormProps(c: Context<AppEnv>, programmeId: number, state: AdviceFormState = { values: {} }): Promise<Omit<AdviceFormProps, 't'>> {
  const organisations = await publishedOrganisations(c.var.db);
  return { ...state, programmeId, organisations: organisations.map((o) => o.name), retentionMonths: c.var.config.retentionMonths, answerDays: ANSWER_WORKING_DAYS };
}

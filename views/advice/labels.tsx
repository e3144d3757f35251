import type { Translate } from '../../src/i18n/index.js';

/** adviceState: where a request stands, as one word (derived: closed, answered, assigned, new). */
export function adviceState(t: Translate, r: { status: 'open' | 'closed'; answered_at: string | null; assigned_user_id: number | null }): string {
  if (r.status === 'closed') return t('advice.status.closed');
  if (r.answered_at) return t('advice.status.answered');
  return r.assigned_user_id === null ? t('advice.status.new') : t('advice.status.assigned');
}

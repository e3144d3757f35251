import type { Translate } from '../../src/i18n/index.js';
import type { ReferenceList } from '../../src/reference/names.js';

/** ReferenceIndexPage: the editable lists, each with how many entries are active and retired. */
export function ReferenceIndexPage({ t, lists }: { t: Translate; lists: { list: ReferenceList; active: number; retired: number }[] }) {
  return (
    <section class="narrow">
      <p>
        <a href="/admin">← {t('admin.title')}</a>
      </p>
      <h1>{t('reference.title')}</h1>
      <p>{t('reference.lead')}</p>
      <ul class="link-list">
        {lists.map((l) => (
          <li>
            <a href={`/admin/lists/${l.list}`}>{t(`reference.list.${l.list}`)}</a> ({t('reference.counts', { active: l.active, retired: l.retired })})
          </li>
        ))}
      </ul>
    </section>
  );
}

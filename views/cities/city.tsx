import type { CityPageData } from '../../src/cities/page.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { Content, contentLang } from '../components.js';
import { councilBodyLabel } from './council.js';
import { CityFigures } from '../statistics/city-figures.js';

export interface CityView {
  t: Translate;
  data: CityPageData;
  /** A calendar day in the reader's language. */
  day: (d: string) => string;
  dateTime: (at: string) => string;
  mayEdit: boolean;
}

function Council({ t, data, day }: CityView) {
  const c = data.city;
  const unknown = <span class="meta">{t('cities.notKnown')}</span>;
  return (
    <section class="section" aria-labelledby="council">
      <h2 id="council">{t('cities.councilTitle')}</h2>
      {c.council_body ? null : <p>{t(c.kind === 'city' ? 'cities.noBodyText' : 'cities.districtBodyText')}</p>}
      <dl class="facts">
        <dt>{t('cities.body')}</dt>
        <dd>{councilBodyLabel(t, c.council_body)}</dd>
        {c.council_body ? (
          <>
            <dt>{t('cities.lastElection')}</dt>
            <dd>{c.council_last_election ? day(c.council_last_election) : unknown}</dd>
            <dt>{t('cities.nextElection')}</dt>
            <dd>{c.council_next_election ? day(c.council_next_election) : unknown}</dd>
            <dt>{t('cities.chair')}</dt>
            <dd>{c.council_chair ? <Content t={t}>{c.council_chair}</Content> : unknown}</dd>
            <dt>{t('cities.contact')}</dt>
            <dd>{c.council_contact ? <Content t={t}>{c.council_contact}</Content> : unknown}</dd>
          </>
        ) : null}
        {c.council_url ? (
          <>
            <dt>{t('cities.councilInfo')}</dt>
            <dd>
              <a href={c.council_url} rel="noopener noreferrer">
                {t('cities.councilInfoLink', { city: c.short_name })}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** level: the shade of a cell as on the overview (0: a gap, 1–4: few to many, against the district's largest cell). */
function level(count: number, max: number): number {
  if (count === 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / Math.max(1, max)) * 4)));
}

function Coverage({ t, data }: CityView) {
  const c = data.city;
  return (
    <section class="section" aria-labelledby="coverage">
      <h2 id="coverage">{t('cities.coverageTitle')}</h2>
      <p>{t('cities.coverageLead')}</p>
      <table class="table" id="city-coverage">
        <caption class="visually-hidden">{t('cities.coverageCaption', { city: c.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cities.field')}</th>
            <th scope="col">{t('cities.offers')}</th>
          </tr>
        </thead>
        <tbody>
          {data.fields.map((f) => (
            <tr>
              <th scope="row" lang={f.label === f.name ? contentLang(t) : undefined}>
                {f.label}
              </th>
              <td class={`coverage__cell coverage__cell--${level(f.count, data.maxCell)}`}>
                <a href={`/directory?city=${c.id}&field=${f.id}`}>
                  {f.count === 0 ? t('cities.gap') : String(f.count)}
                  <span class="visually-hidden">{t('cities.cellLabel', { field: f.label })}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Entries({ t, data }: CityView) {
  return (
    <section class="section" aria-labelledby="entries">
      <h2 id="entries">{t('cities.entriesTitle', { count: data.entryTotal })}</h2>
      {data.entries.length === 0 ? (
        <p class="empty-state">{t('cities.noEntries')}</p>
      ) : (
        <ul class="link-list" aria-labelledby="entries">
          {data.entries.map((e) => (
            <li>
              <a href={`/directory/${e.id}`}>
                <Content t={t}>{e.name}</Content>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/directory?city=${data.city.id}`}>{t('cities.allEntries', { city: data.city.short_name })}</a>
      </p>
    </section>
  );
}

function Members({ t, data }: CityView) {
  return (
    <>
      {data.groups.map((g, i) => (
        <section class="section" aria-labelledby={`members-${i}`}>
          <h2 id={`members-${i}`}>{t('cities.membersTitle', { group: g.group.name })}</h2>
          <p class="meta">{t('cities.membersNote')}</p>
          <ul class="link-list" aria-labelledby={`members-${i}`}>
            {g.members.map((m) => (
              <li>
                <Content t={t}>{m.name}</Content>
                {m.organisation ? (
                  <>
                    {' – '}
                    <Content t={t}>{m.organisation}</Content>
                  </>
                ) : null}{' '}
                ({t(`membershipRole.${m.role}` as MessageKey)})
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function Dates({ t, data, dateTime }: CityView) {
  return (
    <section class="section" aria-labelledby="dates">
      <h2 id="dates">{t('cities.datesTitle')}</h2>
      {data.dates.length === 0 ? (
        <p class="empty-state">{t('cities.noDates')}</p>
      ) : (
        <ul class="link-list" aria-labelledby="dates">
          {data.dates.map((d) => (
            <li>
              <strong>{dateTime(d.starts_at)}</strong>: <Content t={t}>{d.title}</Content> (<Content t={t}>{d.group_name}</Content>)
              {d.location ? (
                <>
                  , <Content t={t}>{d.location}</Content>
                </>
              ) : null}
              {d.status === 'cancelled' ? <span class="badge">{t('cities.cancelled')}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/calendar?view=list">{t('cities.calendarLink')}</a>
      </p>
    </section>
  );
}

/** CityPage: one city: its council body and data, the internal working group's members there, its coverage row, entries and public dates. */
export function CityPage(p: CityView) {
  const { t, data } = p;
  return (
    <section>
      <p>
        <a href="/cities">← {t('cities.title')}</a>
      </p>
      <h1>
        <Content t={t}>{data.city.name}</Content>
      </h1>
      {p.mayEdit ? (
        <p>
          <a href={`/cities/${data.city.slug}/edit`} class="button button--secondary">
            {t('cities.editLink')}
          </a>
        </p>
      ) : null}
      <Council {...p} />
      <Members {...p} />
      <Coverage {...p} />
      <Entries {...p} />
      <Dates {...p} />
      {/* STATISTICS: the city's latest figures of the Datensammlung (issue #18). */}
      <CityFigures t={t} city={data.city} figures={data.figures} />
    </section>
  );
}

import type { Day } from '../../src/db/schema.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { isOpenNow, type Programme } from '../../src/programmes/programmes.js';
import { AdviceRequestForm, type AdviceFormProps } from '../advice/request-form.js';
import { Content } from '../components.js';
import { applicantLabel, day, fundingText, levelLabel, statusLabel } from './labels.js';

type Named = { id: number; label: string; german: boolean };

/** ProgrammePage: one funding programme with everything the office knows of it, then the advice form (views/advice/). */
export function ProgrammePage(p: { t: Translate; fmt: Formatters; today: Day; programme: Programme; fields: Named[]; targets: Named[]; canEdit: boolean; advice: Omit<AdviceFormProps, 't'> }) {
  const { t, fmt, programme: pr } = p;
  const german = (n: Named) => (n.german && t('app.locale') !== 'de' ? 'de' : undefined);
  const funding = fundingText(t, pr);
  const open = isOpenNow(pr, p.today);
  const description = (pr.description ?? '').split(/\r?\n/).filter((x) => x.trim());
  return (
    <article>
      <p>
        <a href="/programmes">← {t('programmes.title')}</a>
      </p>
      <h1>
        <Content t={t}>{pr.name}</Content>
      </h1>
      {p.canEdit ? (
        <p>
          <a href={`/admin/programmes/${pr.id}`}>{t('programmes.edit')}</a>
        </p>
      ) : null}
      {description.length ? (
        <Content t={t} block>
          {description.map((para) => (
            <p>{para}</p>
          ))}
        </Content>
      ) : null}
      <dl class="facts">
        <dt>{t('programmes.funder')}</dt>
        <dd>
          <Content t={t}>{pr.funder}</Content>
        </dd>
        <dt>{t('programmes.level')}</dt>
        <dd>{levelLabel(t, pr.level)}</dd>
        <dt>{t('programmes.statusLabel')}</dt>
        <dd>{open ? statusLabel(t, 'open') : statusLabel(t, pr.status === 'open' ? 'noDate' : 'closed')}</dd>
        <dt>{t('programmes.deadlines')}</dt>
        <dd>
          {pr.deadlines.length === 0 && !pr.rolling ? t('programmes.noDeadline') : null}
          {pr.rolling ? <p>{t('programmes.rolling')}</p> : null}
          {pr.deadlines.length ? (
            <ul>
              {pr.deadlines.map((d) => (
                <li>
                  {d.due_on < p.today ? t('programmes.pastDeadline', { date: day(fmt, d.due_on) }) : day(fmt, d.due_on)}
                  {d.note ? (
                    <>
                      {' – '}
                      <Content t={t}>{d.note}</Content>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </dd>
        <dt>{t('programmes.applicants')}</dt>
        <dd>{pr.applicants.length ? pr.applicants.map((a) => applicantLabel(t, a)).join(', ') : t('programmes.notStated')}</dd>
        <dt>{t('programmes.fields')}</dt>
        <dd>
          {p.fields.length
            ? p.fields.map((f, i) => (
                <>
                  {i ? ', ' : ''}
                  <span lang={german(f)}>{f.label}</span>
                </>
              ))
            : t('programmes.notStated')}
        </dd>
        <dt>{t('programmes.targets')}</dt>
        <dd>
          {p.targets.length
            ? p.targets.map((f, i) => (
                <>
                  {i ? ', ' : ''}
                  <span lang={german(f)}>{f.label}</span>
                </>
              ))
            : t('programmes.notStated')}
        </dd>
        <dt>{t('programmes.funding')}</dt>
        <dd>{funding ?? t('programmes.notStated')}</dd>
        {pr.own_share ? (
          <>
            <dt>{t('programmes.ownShare')}</dt>
            <dd>
              <Content t={t}>{pr.own_share}</Content>
            </dd>
          </>
        ) : null}
        {pr.link ? (
          <>
            <dt>{t('programmes.link')}</dt>
            <dd>
              <a href={pr.link} rel="noopener noreferrer">
                {pr.link}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t('programmes.contact')}</dt>
        <dd>
          {pr.contact ? (
            <>
              <Content t={t}>{pr.contact.name}</Content>
              {pr.contact.job_function ? (
                <>
                  {', '}
                  <Content t={t}>{pr.contact.job_function}</Content>
                </>
              ) : null}
              {pr.contact.phone ? <>, <a href={`tel:${pr.contact.phone.replace(/[^+0-9]/g, '')}`}>{pr.contact.phone}</a></> : null}
              {pr.contact.email ? <>, <a href={`mailto:${pr.contact.email}`}>{pr.contact.email}</a></> : null}
            </>
          ) : pr.contact_text ? (
            <Content t={t}>{pr.contact_text}</Content>
          ) : (
            <a href="/contact">{t('programmes.officeContact')}</a>
          )}
        </dd>
        <dt>{t('programmes.lastCheckedLabel')}</dt>
        <dd>{pr.last_checked ? day(fmt, pr.last_checked) : t('programmes.notStated')}</dd>
      </dl>
      <AdviceRequestForm t={t} {...p.advice} />
    </article>
  );
}

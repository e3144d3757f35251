import type { Child } from 'hono/jsx';
import type { Group } from '../../src/db/schema.js';
import type { GroupAccess } from '../../src/groups/access.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Meeting } from '../../src/meetings/meetings.js';
import { MeetingList } from '../meetings/meetings.js';
import { maySeePoll } from '../../src/polls/access.js';
import { CheckboxField, CONTENT_LANGUAGE, contentLang, ErrorSummary, Field, Notice, Pagination, TextareaField } from '../components.js';

export interface GroupListItem {
  group: Group;
  access: GroupAccess;
  roleLabel: string | null;
  memberCount: number | null;
}

/**
 * ColourDot: the group's calendar colour. An SVG fill, because the CSP forbids inline style attributes.
 */
export function ColourDot({ colour }: { colour: string }) {
  return (
    <svg class="colour-dot" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="7" fill={colour} />
    </svg>
  );
}

function KindBadge({ t, group }: { t: Translate; group: Group }) {
  return (
    <>
      <span class="badge">{t(`groups.kind.${group.kind}`)}</span>
      {group.archived_at ? <span class="badge">{t('groups.archived')}</span> : null}
    </>
  );
}

export function GroupsListPage(p: { t: Translate; items: GroupListItem[]; canCreate: boolean; page: number; hasNext: boolean }) {
  const { t } = p;
  return (
    <section>
      <h1>{t('groups.title')}</h1>
      <p>{t('groups.lead')}</p>
      {p.canCreate ? (
        <div class="toolbar">
          <a class="button" href="/groups/new">
            {t('groups.new')}
          </a>
        </div>
      ) : null}
      {p.items.length === 0 ? (
        <p class="empty-state">{t('groups.empty')}</p>
      ) : (
        <ul class="cards">
          {p.items.map(({ group, roleLabel, memberCount }) => (
            <li class="card">
              <h2>
                <ColourDot colour={group.colour} />
                <a href={`/groups/${group.slug}`}>{group.name}</a>
                <KindBadge t={t} group={group} />
              </h2>
              {group.description ? <p lang={contentLang(t)}>{firstLine(group.description)}</p> : null}
              {memberCount !== null ? <p class="meta">{t('groups.memberCount', { count: memberCount })}</p> : null}
              {roleLabel ? <p class="meta">{t('groups.yourRole', { role: roleLabel })}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination t={t} page={p.page} hasNext={p.hasNext} href={(n) => `/groups?page=${n}`} />
    </section>
  );
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

export function GroupFormPage(p: { t: Translate; values: Record<string, string>; errors?: FieldErrors; action: string; title: string; submit: 'groups.new' | 'form.save'; cancel: string }) {
  const { t, values, errors } = p;
  const kind = values.kind ?? 'external';
  return (
    <section>
      <h1>{p.title}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <Field t={t} name="name" label="groups.name" value={values.name} errors={errors} required maxlength={200} />
        <Field t={t} name="slug" label="groups.slug" hint="groups.slugHint" value={values.slug} errors={errors} maxlength={80} autocomplete="off" />
        <fieldset>
          <legend>{t('groups.kind')}</legend>
          {errors?.kind ? (
            <p class="field__error" id="field-kind-error">
              {t(errors.kind)}
            </p>
          ) : null}
          {(['internal', 'external'] as const).map((k, i) => (
            <div class="radio">
              {/* The first radio carries the field's id, so the error summary's link lands on the group. */}
              <input
                type="radio"
                id={i === 0 ? 'field-kind' : `field-kind-${k}`}
                name="kind"
                value={k}
                checked={kind === k}
                aria-invalid={errors?.kind ? 'true' : undefined}
                aria-describedby={[`field-kind-${k}-hint`, errors?.kind ? 'field-kind-error' : ''].filter(Boolean).join(' ')}
              />
              <div>
                <label for={i === 0 ? 'field-kind' : `field-kind-${k}`}>{t(`groups.kind.${k}`)}</label>
                <p class="field__hint" id={`field-kind-${k}-hint`}>
                  {t(`groups.kindHint.${k}`)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <TextareaField t={t} name="description" label="groups.description" lang={CONTENT_LANGUAGE} value={values.description} errors={errors} maxlength={5000} rows={6} />
        <Field t={t} name="colour" label="groups.colour" type="color" value={values.colour ?? '#0b5394'} errors={errors} />
        <CheckboxField t={t} name="dates_public" label="groups.datesPublic" checked={values.dates_public === 'on'} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t(p.submit)}
          </button>
          <a href={p.cancel}>{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}

export function GroupPage(p: {
  t: Translate;
  fmt: Formatters;
  nextMeetings: Meeting[];
  /** Which page of the upcoming meetings is shown. */
  nextPage: { page: number; hasNext: boolean };
  pastMeetings: Meeting[] | null;
  group: Group;
  access: GroupAccess;
  roleLabel: string | null;
  organisers: { name: string; roleLabel: string; organisation_name: string | null }[];
  memberCount: number | null;
  /** The viewer may read the group's minutes: link the archive of approved minutes. */
  minutesArchive?: boolean;
  /** The group's fields of action (src/reports/sections.tsx). */
  fieldsSection?: Child;
}) {
  const { t, group, access } = p;
  return (
    <article>
      <h1>
        <ColourDot colour={group.colour} />
        {group.name}
        <KindBadge t={t} group={group} />
      </h1>
      {group.archived_at ? <Notice kind="info">{t('groups.archivedNotice')}</Notice> : null}
      {p.roleLabel ? <p class="meta">{t('groups.yourRole', { role: p.roleLabel })}</p> : null}
      {group.description ? (
        <div class="prose" lang={contentLang(t)}>
          {group.description.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </div>
      ) : null}

      {access === 'staff' ? (
        <div class="toolbar">
          <a class="button button--secondary" href={`/groups/${group.slug}/edit`}>
            {t('groups.edit')}
          </a>
          <form method="post" action={`/groups/${group.slug}/${group.archived_at ? 'restore' : 'archive'}`} class="inline-form">
            <button type="submit" class="button button--secondary">
              {group.archived_at ? t('groups.restore') : t('groups.archive')}
            </button>
          </form>
        </div>
      ) : null}

      {p.fieldsSection ?? null}

      {access !== 'public' ? (
        <section class="section" aria-labelledby="organisers">
          <h2 id="organisers">{t('groups.organisers')}</h2>
          {p.organisers.length === 0 ? (
            <p class="empty-state">{t('groups.noOrganisers')}</p>
          ) : (
            <ul class="link-list">
              {p.organisers.map((o) => (
                <li>
                  {o.name} ({o.roleLabel}
                  {o.organisation_name ? `, ${o.organisation_name}` : ''})
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section class="section" aria-labelledby="next-meetings">
        <h2 id="next-meetings">{t('groups.nextMeetings')}</h2>
        {access === 'manager' || access === 'staff' ? (
          <p>
            <a class="button" href={`/groups/${group.slug}/meetings/new`}>
              {t('meetings.new')}
            </a>{' '}
            <a class="button button--secondary" href={`/groups/${group.slug}/meetings/series`}>
              {t('series.link')}
            </a>
          </p>
        ) : null}
        <MeetingList t={t} fmt={p.fmt} meetings={p.nextMeetings} empty={t('groups.noNextMeetings')} />
        <Pagination t={t} page={p.nextPage.page} hasNext={p.nextPage.hasNext} href={(n) => `/groups/${group.slug}?page=${n}#next-meetings`} />
      </section>
      {p.pastMeetings ? (
        <section class="section" aria-labelledby="past-meetings">
          <h2 id="past-meetings">{t('groups.pastMeetings')}</h2>
          <MeetingList t={t} fmt={p.fmt} meetings={p.pastMeetings} empty={t('groups.noPastMeetings')} />
          {p.minutesArchive ? (
            <p>
              <a href={`/groups/${group.slug}/minutes`}>{t('minutesArchive.link')}</a>
            </p>
          ) : null}
        </section>
      ) : null}

      {p.memberCount !== null ? (
        <section class="section" aria-labelledby="members">
          <h2 id="members">{t('groups.members')}</h2>
          <p>
            <a href={`/groups/${group.slug}/members`}>{t('groups.showMembers')}</a> ({t('groups.memberCount', { count: p.memberCount })})
          </p>
        </section>
      ) : null}

      {maySeePoll(access) ? (
        <section class="section" aria-labelledby="polls">
          <h2 id="polls">{t('polls.groupSection')}</h2>
          <p>
            <a href={`/groups/${group.slug}/polls`}>{t('polls.groupLink')}</a>
          </p>
        </section>
      ) : null}
    </article>
  );
}

import type { Group } from '../../src/db/schema.js';
import type { MemberRow, PersonMatch } from '../../src/groups/memberships.js';
import type { OpenInvitation } from '../../src/groups/invitations.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { ErrorSummary, Field, Notice, SelectField, CsvUploadForm } from '../components.js';
import { OrganisationList } from '../people/people.js';

export interface MembersView {
  t: Translate;
  group: Group;
  current: MemberRow[];
  former: MemberRow[];
  q: string;
  canManage: boolean;
  /** The staff add people directly and confirm representations; managers invite. */
  staff: boolean;
  invitations: OpenInvitation[];
  formatInstant: (at: string) => string;
  formatDay: (day: string) => string;
  today: string;
  /** The add form: values, errors, candidates when a name matched several people. */
  add: { values: Record<string, string>; errors?: FieldErrors; candidates?: Extract<PersonMatch, { kind: 'many' }>['candidates'] };
  organisations: string[];
  notice?: MessageKey;
}

/** MemberList: the current members table (the live filter swaps just this). */
export function MemberList(p: Pick<MembersView, 't' | 'group' | 'current' | 'canManage' | 'staff' | 'formatDay' | 'q' | 'today'>) {
  const { t } = p;
  const base = `/groups/${p.group.slug}/members`;
  if (p.current.length === 0) return <p id="member-list" class="empty-state">{t('members.empty')}</p>;
  return (
    <table class="table" id="member-list">
      <caption class="visually-hidden">{t('groups.members')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('members.name')}</th>
          <th scope="col">{t('members.role')}</th>
          <th scope="col">{t('members.organisation')}</th>
          <th scope="col">{t('members.contact')}</th>
          <th scope="col">{t('members.since')}</th>
          {p.canManage ? <th scope="col">{t('members.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {p.current.map((m) => (
          <tr>
            <td>
              {m.name}
              {m.job_function ? <div class="meta">{m.job_function}</div> : null}
            </td>
            <td>{t(`membershipRole.${m.role}`)}</td>
            <td>
              {m.organisation_name ?? '–'}
              {m.representation_confirmed ? <div class="meta">{t('members.representationConfirmed')}</div> : null}
              {p.staff && m.organisation_published ? <RepresentationForm t={t} base={base} q={p.q} member={m} /> : null}
            </td>
            <td>
              {m.contact_hidden ? <span class="meta">{t('members.contactHidden')}</span> : null}
              {m.email ? <a href={`mailto:${m.email}`}>{m.email}</a> : null}
              {m.phone ? <div>{m.phone}</div> : null}
            </td>
            <td>{p.formatDay(m.starts_on)}</td>
            {p.canManage ? (
              <td>
                <form
                  method="post"
                  action={`${base}/${m.membership_id}/end`}
                  class="inline-form"
                  hx-post={`${base}/${m.membership_id}/end`}
                  hx-target="#members-panel"
                  hx-swap="outerHTML"
                  hx-confirm={t('members.endConfirm')}
                >
                  <input type="hidden" name="q" value={p.q} />
                  <input type="date" id={`end-${m.membership_id}`} name="ends_on" value={p.today} class="input--small" aria-label={`${t('members.endOn')}: ${m.name}`} />{' '}
                  <button type="submit" class="button button--danger button--small" aria-label={`${t('members.end')}: ${m.name}`}>
                    {t('members.end')}
                  </button>
                </form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** RepresentationForm: the staff confirm that a member represents a published entry, or take it back. */
function RepresentationForm(p: { t: Translate; base: string; q: string; member: MemberRow }) {
  const { t, member: m } = p;
  const action = `${p.base}/${m.membership_id}/representation`;
  const label = m.representation_confirmed ? t('members.revokeRepresentation') : t('members.confirmRepresentation');
  return (
    <form method="post" action={action} class="inline-form" hx-post={action} hx-target="#members-panel" hx-swap="outerHTML">
      <input type="hidden" name="q" value={p.q} />
      <input type="hidden" name="confirm" value={m.representation_confirmed ? '0' : '1'} />
      <button type="submit" class="button button--secondary button--small" aria-label={`${label}: ${m.name}`}>
        {label}
      </button>
    </form>
  );
}

/** OpenInvitations: who was invited and has not answered yet, by the name the manager typed. */
function OpenInvitations(p: MembersView) {
  const { t } = p;
  if (p.invitations.length === 0) return null;
  return (
    <section class="section" aria-labelledby="open-invitations">
      <h2 id="open-invitations">{t('members.invitations')}</h2>
      <table class="table">
        <caption class="visually-hidden">{t('members.invitations')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('members.name')}</th>
            <th scope="col">{t('members.role')}</th>
            <th scope="col">{t('members.invitedOn')}</th>
            <th scope="col">{t('members.validUntil')}</th>
          </tr>
        </thead>
        <tbody>
          {p.invitations.map((i) => (
            <tr>
              <td>{i.name}</td>
              <td>{t(`membershipRole.${i.role}`)}</td>
              <td>{p.formatInstant(i.created_at)}</td>
              <td>{p.formatInstant(i.expires_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AddMemberForm(p: MembersView) {
  const { t } = p;
  const { values, errors, candidates } = p.add;
  const base = `/groups/${p.group.slug}/members`;
  return (
    <section class="section" aria-labelledby="add-member">
      <h2 id="add-member">{t('members.add')}</h2>
      <ErrorSummary t={t} errors={errors} level={3} />
      <form method="post" action={base} class="form" novalidate hx-post={base} hx-target="#members-panel" hx-swap="outerHTML">
        {candidates?.length ? (
          <fieldset>
            <legend>{t('members.choose')}</legend>
            {candidates.map((c, i) => (
              <div class="radio">
                <input type="radio" id={i === 0 ? 'field-person_id' : `candidate-${c.id}`} name="person_id" value={String(c.id)} checked={i === 0} />
                <label for={i === 0 ? 'field-person_id' : `candidate-${c.id}`}>
                  {c.name}
                  {c.email ? ` – ${c.email}` : ''}
                  {c.organisation_name ? ` (${c.organisation_name})` : ''}
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
        {p.staff ? (
          <Field t={t} name="person" label="members.person" hint="members.personHint" value={values.person} errors={errors} required maxlength={320} autocomplete="off" />
        ) : (
          <Field t={t} name="person" label="people.email" hint="members.personHintManager" type="email" value={values.person} errors={errors} required maxlength={320} autocomplete="off" />
        )}
        {p.staff ? (
          <Field t={t} name="new_name" label="members.newName" hint="members.newNameHint" value={values.new_name} errors={errors} maxlength={200} autocomplete="off" />
        ) : (
          <Field t={t} name="new_name" label="members.inviteName" hint="members.inviteNameHint" value={values.new_name} errors={errors} required maxlength={200} autocomplete="off" />
        )}
        <SelectField
          t={t}
          name="role"
          label="members.role"
          value={values.role ?? 'member'}
          errors={errors}
          options={(['member', 'chair', 'deputy', 'organiser', 'guest'] as const).map((r) => ({ value: r, label: t(`membershipRole.${r}`) }))}
        />
        <Field t={t} name="organisation" label="members.organisation" hint="members.organisationHint" value={values.organisation} errors={errors} maxlength={300} autocomplete="off" list="organisation-names" />
        <OrganisationList names={p.organisations} />
        <Field t={t} name="starts_on" label="members.from" type="date" value={values.starts_on ?? p.today} errors={errors} required />
        <Field t={t} name="ends_on" label="members.until" type="date" value={values.ends_on} errors={errors} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t(p.staff ? 'members.addSubmit' : 'members.inviteSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** MembersPanel: list, history and add form; what htmx swaps after adding or ending a membership. */
export function MembersPanel(p: MembersView) {
  const { t } = p;
  return (
    <div id="members-panel">
      {p.notice ? (
        <div class="notice notice--success" role="status" tabindex={-1} autofocus>
          {t(p.notice)}
        </div>
      ) : null}
      <MemberList {...p} />
      <section class="section" aria-labelledby="former-members">
        <h2 id="former-members">{t('members.former')}</h2>
        {p.former.length === 0 ? (
          <p class="empty-state">{t('members.noFormer')}</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">{t('members.former')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('members.organisation')}</th>
                <th scope="col">{t('members.from')}</th>
                <th scope="col">{t('members.until')}</th>
              </tr>
            </thead>
            <tbody>
              {p.former.map((m) => (
                <tr>
                  <td>{m.name}</td>
                  <td>{t(`membershipRole.${m.role}`)}</td>
                  <td>{m.organisation_name ?? '–'}</td>
                  <td>{p.formatDay(m.starts_on)}</td>
                  <td>{m.ends_on ? p.formatDay(m.ends_on) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <OpenInvitations {...p} />
      {p.canManage ? <AddMemberForm {...p} /> : null}
    </div>
  );
}

export function MembersPage(p: MembersView) {
  const { t, group } = p;
  const base = `/groups/${group.slug}/members`;
  return (
    <section>
      <p>
        <a href={`/groups/${group.slug}`}>← {group.name}</a>
      </p>
      <h1>{t('members.title', { group: group.name })}</h1>
      <div class="toolbar">
        {/* htmx would fetch a boosted download into the page: a plain link. */}
        <a href={`${base}.csv`} download hx-boost="false">
          {t('members.export')}
        </a>
        {p.canManage ? <a href={`${base}/import`}>{t('members.import')}</a> : null}
      </div>
      <form method="get" action={base} class="search-form" role="search">
        <div class="field">
          <label for="field-q">{t('members.filter')}</label>
          <input
            id="field-q"
            type="search"
            name="q"
            value={p.q}
            maxlength={200}
            hx-get={base}
            hx-trigger="input changed delay:300ms, search"
            hx-target="#member-list"
            hx-swap="outerHTML"
            hx-push-url="true"
          />
        </div>
        <button type="submit" class="button button--secondary">
          {t('members.filterSubmit')}
        </button>
      </form>
      <MembersPanel {...p} />
    </section>
  );
}

export interface ImportRowView {
  line: number;
  name: string;
  email: string;
  organisation: string;
  role: string;
  result: string;
  error: boolean;
}

export function ImportPage(p: { t: Translate; group: Group; error?: string; rows?: ImportRowView[]; summary?: string; csv?: string; canConfirm?: boolean }) {
  const { t, group } = p;
  const base = `/groups/${group.slug}/members/import`;
  return (
    <section>
      <p>
        <a href={`/groups/${group.slug}/members`}>← {t('members.title', { group: group.name })}</a>
      </p>
      <h1>{t('import.title', { group: group.name })}</h1>
      <p>{t('import.lead')}</p>
      <CsvUploadForm t={t} action={base} error={p.error} />
      {p.rows ? (
        <section class="section" aria-labelledby="preview">
          <h2 id="preview">{t('import.previewTitle')}</h2>
          <Notice kind={p.canConfirm ? 'info' : 'error'}>
            {p.summary} {t('import.nothingSaved')}
          </Notice>
          <table class="table">
            <caption class="visually-hidden">{t('import.previewTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('people.email')}</th>
                <th scope="col">{t('members.organisation')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('import.result')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr class={r.error ? 'row-error' : undefined}>
                  <td>{r.line}</td>
                  <td>{r.name}</td>
                  <td>{r.email}</td>
                  <td>{r.organisation}</td>
                  <td>{r.role}</td>
                  <td>{r.error ? <strong>{r.result}</strong> : r.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.canConfirm && p.csv !== undefined ? (
            <form method="post" action={`${base}/confirm`} class="form">
              <input type="hidden" name="csv" value={p.csv} />
              <div class="form__actions">
                <button type="submit" class="button">
                  {t('import.confirm')}
                </button>
                <a href={`/groups/${group.slug}/members`}>{t('form.cancel')}</a>
              </div>
            </form>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import { RESOLUTION_NOTE_MAX, type MinuteComment } from '../../src/minutes/comments.js';

/**
 * How the comments of one TOP are shown: to read (members, approved minutes); with the resolution
 * fields inside the minutes editor's form (`editor`, saved with the draft); or each with a small form of
 * its own (`forms`, those who manage circulated minutes on the read page).
 */
export type CommentMode = { kind: 'read' } | { kind: 'editor'; errors?: FieldErrors; values?: Record<string, string> } | { kind: 'forms'; meetingId: number; failed?: { commentId: number; resolution: string; note: string; error: string } };

/** CommentList: the members' comments on one TOP, each with what became of it. */
export function CommentList({ t, fmt, comments, mode = { kind: 'read' } }: { t: Translate; fmt: Formatters; comments: MinuteComment[]; mode?: CommentMode }) {
  if (!comments.length) return null;
  return (
    <>
      <h3>{t('minutes.comments')}</h3>
      <ul class="comment-list">
        {comments.map((c) => (
          <li id={`comment-${c.id}`}>
            <p class="meta">
              {c.author ?? t('minutes.formerMember')}, {fmt.dateTime(c.created_at)}
            </p>
            <p class="comment-body">{c.body}</p>
            {c.resolution ? (
              <p class={c.resolution === 'not_taken' ? 'comment-resolution comment-resolution--declined' : 'comment-resolution'}>
                <strong>{t('minutes.resolvedAs', { resolution: t(`minutes.resolution.${c.resolution}`), date: fmt.date(c.resolved_at!) })}</strong>
                {c.resolution_note ? `: ${c.resolution_note}` : ''}
              </p>
            ) : null}
            {mode.kind === 'editor' ? <ResolutionFields t={t} comment={c} errors={mode.errors} values={mode.values} /> : null}
            {mode.kind === 'forms' ? (
              <form method="post" action={`/meetings/${mode.meetingId}/minutes/comments/${c.id}/resolve`} class="form no-print">
                <ResolutionFields
                  t={t}
                  comment={c}
                  errors={mode.failed?.commentId === c.id ? { [mode.failed.error === 'field.choose' ? `comment_${c.id}_resolution` : `comment_${c.id}_note`]: mode.failed.error as never } : undefined}
                  values={mode.failed?.commentId === c.id ? { [`comment_${c.id}_resolution`]: mode.failed.resolution, [`comment_${c.id}_note`]: mode.failed.note } : undefined}
                />
                <div class="form__actions">
                  <button type="submit" class="button button--secondary button--small">
                    {t('minutes.resolutionSave')}
                  </button>
                </div>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** ResolutionFields: open / worked in / not taken, and a note (the reason, for not taken). */
function ResolutionFields({ t, comment: c, errors, values }: { t: Translate; comment: MinuteComment; errors?: FieldErrors; values?: Record<string, string> }) {
  const name = `comment_${c.id}_resolution`;
  const noteId = `comment_${c.id}_note`;
  const chosen = values?.[name] ?? c.resolution ?? 'open';
  const noteError = errors?.[noteId];
  const choiceError = errors?.[name];
  return (
    <fieldset class="comment-resolve" aria-describedby={choiceError ? `${name}-error` : undefined}>
      <legend>{t('minutes.resolutionLegend', { author: c.author ?? t('minutes.formerMember') })}</legend>
      {choiceError ? (
        <p class="field__error" id={`${name}-error`}>
          {t(choiceError)}
        </p>
      ) : null}
      {(['open', 'worked_in', 'not_taken'] as const).map((r) => (
        <div class="radio radio--inline">
          <input type="radio" id={`${name}-${r}`} name={name} value={r} checked={chosen === r} />
          <label for={`${name}-${r}`}>{t(`minutes.resolution.${r}`)}</label>
        </div>
      ))}
      <div class={noteError ? 'field field--error' : 'field'}>
        <label for={noteId}>{t('minutes.resolutionNote')}</label>
        {noteError ? (
          <p class="field__error" id={`${noteId}-error`}>
            {t(noteError)}
          </p>
        ) : null}
        <textarea id={noteId} name={noteId} rows={2} maxlength={RESOLUTION_NOTE_MAX} aria-invalid={noteError ? 'true' : undefined} aria-describedby={noteError ? `${noteId}-error` : undefined}>
          {values?.[noteId] ?? c.resolution_note ?? ''}
        </textarea>
      </div>
    </fieldset>
  );
}

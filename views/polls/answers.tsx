import type { PollAnswer } from '../../src/db/schema.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { PollOption } from '../../src/polls/polls.js';
import { when } from '../meetings/meetings.js';

const ANSWERS: readonly PollAnswer[] = ['yes', 'maybe', 'no'];

/** AnswerFields: one group of radio buttons (yes / if need be / no) per proposed date; shared by the poll page and the mail link. */
export function AnswerFields({ t, fmt, options, own }: { t: Translate; fmt: Formatters; options: PollOption[]; own: Map<number, PollAnswer> }) {
  return (
    <>
      {options.map((o) => (
        <fieldset class="poll-answer">
          <legend>{when(t, fmt, o)}</legend>
          {ANSWERS.map((a) => (
            <div class="radio">
              <input type="radio" id={`answer-${o.id}-${a}`} name={`answer_${o.id}`} value={a} checked={own.get(o.id) === a} />
              <label for={`answer-${o.id}-${a}`}>{t(`polls.answer.${a}`)}</label>
            </div>
          ))}
        </fieldset>
      ))}
    </>
  );
}

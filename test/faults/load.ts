import { request, sleep, type Member, type Seed } from './process.js';

// The write load of the fault tests: members answering an invitation again and again and commenting on
// circulated minutes, each one request at a time like a person, each write numbered so that the test
// can tell afterwards which ones must be in the database.

const ANSWERS = ['accepted', 'declined', 'tentative'] as const;

/** answerFor: the answer that goes with reply number n (so a stored row shows whether it is whole). */
export const answerFor = (n: number) => ANSWERS[n % ANSWERS.length]!;

/** A write's outcome: stored and answered, not answered at all (server gone), or a wrong answer. */
type Outcome = 'ok' | 'no-answer' | 'wrong';

export interface Writer {
  /** Answers other than the expected redirect: status and the start of the page. */
  wrong: string[];
  okCount: number;
  once(baseUrl: string): Promise<Outcome>;
}

/** ReplyWriter: one member's replies to the meeting, numbered 1, 2, 3 … in the comment. */
export class ReplyWriter implements Writer {
  attempted = 0;
  acked = 0;
  okCount = 0;
  wrong: string[] = [];
  constructor(
    private readonly seed: Seed,
    readonly member: Member,
  ) {}

  async once(baseUrl: string): Promise<Outcome> {
    const n = ++this.attempted;
    let res;
    try {
      res = await request(baseUrl, `/meetings/${this.seed.meetingId}/rsvp`, { token: this.member.token, form: { answer: answerFor(n), comment: `Antwort ${n}` } });
    } catch {
      return 'no-answer';
    }
    if (res.status === 303 && res.location === `/meetings/${this.seed.meetingId}`) {
      this.acked = n;
      this.okCount += 1;
      return 'ok';
    }
    this.wrong.push(`${res.status} ${res.body.slice(0, 200)}`);
    return 'wrong';
  }
}

/** CommentWriter: one member's comments on the circulated minutes, each with a text of its own. */
export class CommentWriter implements Writer {
  attempted = 0;
  okCount = 0;
  acked: string[] = [];
  wrong: string[] = [];
  constructor(
    private readonly seed: Seed,
    readonly member: Member,
  ) {}

  async once(baseUrl: string): Promise<Outcome> {
    const body = `Kommentar ${this.member.personId}-${++this.attempted}`;
    let res;
    try {
      res = await request(baseUrl, `/meetings/${this.seed.meetingId}/minutes/comments`, { token: this.member.token, form: { agenda_item_id: String(this.seed.agendaItemId), body } });
    } catch {
      return 'no-answer';
    }
    if (res.status === 303 && res.location === `/meetings/${this.seed.meetingId}/minutes#top-${this.seed.agendaItemId}`) {
      this.acked.push(body);
      this.okCount += 1;
      return 'ok';
    }
    this.wrong.push(`${res.status} ${res.body.slice(0, 200)}`);
    return 'wrong';
  }
}

/**
 * runLoad keeps every writer writing, one request at a time each, to whatever `baseUrl()` returns,
 * until stopped; a write without an answer is followed by a short pause (the server is away).
 */
export function runLoad(baseUrl: () => string, writers: Writer[]): { stop(): Promise<void> } {
  let stopped = false;
  const loops = writers.map(async (w) => {
    while (!stopped) {
      const outcome = await w.once(baseUrl());
      if (outcome !== 'ok') await sleep(30);
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

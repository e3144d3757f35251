import net from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// The two network peers the fault tests break on purpose: a mail server and a wire to the database.

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
}

/**
 * SmtpPeer is a real SMTP server on a fixed port that a test can stop, start again, make refuse
 * recipients (550) and make slow: with `holdMs` it waits that long after the message's last byte before
 * it answers 250, and while frozen it answers nothing until thawed. A message counts as received only
 * when that 250 goes to a client that is still connected: a sender killed while waiting never got the
 * acceptance, so it has not sent the mail (RFC 5321 §4.1.1.4: the receiver takes responsibility with
 * its reply).
 */
export class SmtpPeer {
  received: ReceivedMail[] = [];
  /** Messages whose sender went away before the answer. */
  dropped = 0;
  mode: 'accept' | 'refuse' = 'accept';
  holdMs = 0;
  private frozen = false;
  /** Complete messages waiting for a thaw: their session and how to answer them. */
  private readonly waiting: { session: string; answer: () => void }[] = [];
  private server: SMTPServer | undefined;
  private readonly closed = new Set<string>();

  private constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** SmtpPeer.on: a peer for this port, listening unless `listening` is false (then it is "down"). */
  static async on(port: number, listening = true): Promise<SmtpPeer> {
    const peer = new SmtpPeer(port);
    if (listening) await peer.start();
    return peer;
  }

  /** freeze: from now on complete messages wait for thaw() instead of being answered. */
  freeze(): void {
    this.frozen = true;
  }

  /** held: how many messages wait, and whether all of their senders have gone away. */
  held(): { count: number; allGone: boolean } {
    return { count: this.waiting.length, allGone: this.waiting.every((w) => this.closed.has(w.session)) };
  }

  /** thaw answers every waiting message (or counts it dropped when its sender is gone). */
  thaw(): void {
    this.frozen = false;
    for (const w of this.waiting.splice(0)) w.answer();
  }

  /** start listens (again) on the peer's port. */
  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (this.mode === 'refuse') return callback(Object.assign(new Error('Postfach voll, bitte später erneut'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const answer = () => {
            if (this.closed.has(session.id)) {
              this.dropped += 1;
              return callback(new Error('connection gone'));
            }
            void simpleParser(Buffer.concat(chunks)).then((mail) => {
              this.received.push({ messageId: mail.messageId ?? '', to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: mail.subject ?? '' });
              callback();
            });
          };
          setTimeout(() => (this.frozen ? this.waiting.push({ session: session.id, answer }) : answer()), this.holdMs);
        });
      },
      onClose: (session) => {
        this.closed.add(session.id);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** stop closes the port: a sender now gets "connection refused". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * TcpProxy stands between the app and PostgreSQL. `down()` drops every connection and closes the port
 * (the database server stopped: connection refused); `blackhole()` drops every connection and then
 * accepts new ones without ever answering (a network that swallows packets); `up()` forwards again.
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;
  private mode: 'up' | 'blackhole' = 'up';
  port = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      this.track(client);
      if (this.mode === 'blackhole') return;
      const upstream = net.connect(this.target.port, this.target.host);
      this.track(upstream);
      // Either end going away takes the other with it, like one real connection.
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  /** TcpProxy.start listens on a free port and forwards to the target. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(0);
    proxy.port = (proxy.server.address() as net.AddressInfo).port;
    return proxy;
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  private dropAll() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** down: every connection reset and the port closed. */
  async down(): Promise<void> {
    this.dropAll();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** blackhole: every connection dropped; new ones are accepted and never answered. */
  async blackhole(): Promise<void> {
    this.dropAll();
    this.mode = 'blackhole';
    if (!this.server.listening) await this.listen(this.port);
  }

  /** up: forwarding again (connections swallowed by the black hole are dropped). */
  async up(): Promise<void> {
    this.dropAll();
    this.mode = 'up';
    if (!this.server.listening) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.down();
  }
}

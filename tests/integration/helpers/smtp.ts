import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

// A real SMTP server on a free loopback port for tests: whatever reaches it is parsed with mailparser
// and kept, with the envelope the client sent. Plain SMTP with AUTH PLAIN/LOGIN (no STARTTLS, whose
// self-signed certificate a client would rightly refuse).

export interface ReceivedEmail {
  envelope: { from: string; to: string[] };
  /** The user the client authenticated as, if it did. */
  user?: string;
  mail: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  /** smtp://user:pass@127.0.0.1:port, the shape of SMTP_URL. */
  url: string;
  received: ReceivedEmail[];
  /** Resolves once `count` messages have arrived; rejects after `timeoutMs`. */
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedEmail[]>;
  close: () => Promise<void>;
}

export const SMTP_USER = "mailer";
export const SMTP_PASSWORD = "smtp-test-password";

export async function startSmtpServer(
  options: {
    rejectRecipient?: (address: string) => boolean;
    /** Asked at each MAIL FROM: an SMTP reply code to refuse the message with (4xx: try later, 5xx: never), or null to take it. */
    refuse?: () => number | null;
    /** A fixed port, to come back on after close() (a mail server that was down and is up again). */
    port?: number;
  } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const waiters = new Set<() => void>();
  const serverOptions: SMTPServerOptions = {
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      const code = options.refuse?.() ?? null;
      if (code)
        callback(Object.assign(new Error(code < 500 ? "Try again later" : "Message refused"), { responseCode: code }));
      else callback();
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            user: typeof session.user === "string" ? session.user : undefined,
            mail,
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  };
  const server = new SMTPServer(serverOptions);
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });

  return {
    port,
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    waitFor: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${received.length} of ${count} emails arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

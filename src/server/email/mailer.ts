import "server-only";
import { jobsRunHere } from "../jobs/scheduler";
import { logError } from "../log";
import { deliverDueEmails } from "./deliver";

// Mail queued by a request goes out at once from the process that queued it, in the background:
// the request never waits for a mail server. The every-minute sweep (a pg-boss task in every
// process that runs jobs) is the safety net: it sends what a process with jobs off, a crash or a
// temporary failure left behind. The claim in deliver.ts keeps a message from going twice when
// this run and a sweep elsewhere meet.

const shared = globalThis as typeof globalThis & { __policyCommonsMailer?: { running: boolean; again: boolean } };

/** After the transaction that queued mail has committed: deliver it now, without waiting here. */
export function wakeMailer(): void {
  if (!jobsRunHere()) return;
  shared.__policyCommonsMailer ??= { running: false, again: false };
  const state = shared.__policyCommonsMailer;
  if (state.running) {
    // One run at a time per process; it goes round again for what arrived meanwhile.
    state.again = true;
    return;
  }
  state.running = true;
  void (async () => {
    try {
      do {
        state.again = false;
        await deliverDueEmails();
      } while (state.again);
    } catch (error) {
      logError("sending mail stopped; the minute's sweep will go on", error);
    } finally {
      state.running = false;
    }
  })();
}

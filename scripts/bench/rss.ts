// The server's peak memory during one scenario: the resident set (VmRSS in /proc/<pid>/status) of
// the `next start` process and every process under it, summed, sampled every 100 ms; the highest
// sum is the peak. VmHWM alone would carry the peak of an earlier scenario into later ones.
import { readdirSync, readFileSync } from "node:fs";

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function rssKiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS of a process tree in MiB (0 where /proc is absent). */
export function treeRssMiB(root: number): number {
  let total = 0;
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    total += rssKiB(pid);
    queue.push(...childrenOf(pid));
  }
  return total / 1024;
}

/** Starts sampling; the returned function stops it and gives the peak in MiB. */
export function samplePeakRss(root: number, everyMs = 100): () => number {
  let peak = treeRssMiB(root);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssMiB(root))), everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, treeRssMiB(root));
  };
}

/** CPU time of a process tree so far, in clock ticks (utime + stime of each process). */
function treeCpuTicks(root: number): number {
  let total = 0;
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
    } catch {
      // gone, or no /proc
    }
    queue.push(...childrenOf(pid));
  }
  return total;
}

/**
 * Waits until the server is idle (under a tenth of a core for half a second), at most `maxMs`:
 * requests a stopped load left in the server would otherwise run into the next scenario.
 */
export async function waitForIdle(root: number, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  let before = treeCpuTicks(root);
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    const now = treeCpuTicks(root);
    if (now - before <= 5) return; // 100 ticks a second per core: 5 ticks in 0.5 s is a tenth of a core
    before = now;
  }
}

// Load on one URL with autocannon, and the checks made before measuring it.
import autocannon from "autocannon";

export interface Measurement {
  requests: number;
  /** autocannon's mean of per-second request counts. */
  requestsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  headers: Record<string, string>;
}

let current: autocannon.Instance | undefined;

/** Stops a measurement in progress (Ctrl-C). */
export function stopMeasuring() {
  current?.stop();
}

function run(url: string, connections: number, durationSec: number, headers: Record<string, string>, onLatency?: (ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: durationSec, headers, timeout: 30 }, (error, result) => {
      current = undefined;
      if (error) reject(error);
      else resolve(result);
    });
    current = instance;
    // autocannon emits (client, statusCode, resBytes, responseTime); its type declarations omit client.
    if (onLatency) (instance as unknown as NodeJS.EventEmitter).on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => onLatency(ms));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * A warm-up run (discarded), then the measured run. Percentiles come from every response's own
 * latency: autocannon's summary has p97.5 but no p95.
 */
export async function measure(url: string, options: LoadOptions): Promise<Measurement> {
  if (options.warmupSec > 0) await run(url, options.connections, options.warmupSec, options.headers);
  const latencies: number[] = [];
  const result = await run(url, options.connections, options.durationSec, options.headers, (ms) => latencies.push(ms));
  latencies.sort((a, b) => a - b);
  // Requests still in the server when autocannon stops would run into whatever comes next:
  // let them finish.
  const p99 = percentile(latencies, 99);
  await new Promise((r) => setTimeout(r, Math.min(10_000, Math.max(1_000, (Number.isFinite(p99) ? p99 : 0) * 1.5))));
  return {
    requests: result.requests.total,
    requestsPerSec: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * One GET; throws unless the answer is 200 and has every expected text (and none of the
 * unexpected). Returns the size of the HTML in bytes.
 */
export async function checkPage(
  url: string,
  { headers, contains, lacks }: { headers: Record<string, string>; contains: string[]; lacks: string[] },
): Promise<number> {
  const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  const where = `GET ${url}${headers.cookie ? " (signed in)" : ""}`;
  if (response.status !== 200) {
    const location = response.headers.get("location");
    throw new Error(`${where} answered ${response.status}${location ? ` → ${location}` : ""}, not 200.\n${body.slice(0, 400)}`);
  }
  for (const text of contains) if (!body.includes(text)) throw new Error(`${where}: the page does not contain ${JSON.stringify(text)}.`);
  for (const text of lacks) if (body.includes(text)) throw new Error(`${where}: the page contains ${JSON.stringify(text)}, and should not.`);
  return Buffer.byteLength(body);
}

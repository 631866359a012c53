// Load on one URL with autocannon, and the checks made before measuring it.
import autocannon from "autocannon";

export interface Measurement {
  requests: number;
  /** Answers with an expected status per second, over the measured run. */
  requestsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers with another status than expected (for a GET, anything but 2xx). */
  unexpected: number;
  /** Answers by status, to say what went wrong. */
  statuses: Record<string, number>;
}

/** One request to load with; setupRequest (autocannon's) changes each request before it goes. */
export interface LoadTarget {
  url: string;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** Builds each request; `context` is autocannon's per-connection context, handed back to onResponse. */
  setupRequest?: (request: autocannon.Request, context?: Record<string, unknown>) => autocannon.Request;
  /** Every answer, with its body and the context its request was built with (to check what it did). */
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  /** Told before the warm-up and before the measured run, so answers can be told apart. */
  onPhase?: (phase: "warm-up" | "measured") => void;
  /** Statuses that count as answered (default: 2xx). */
  expect?: (status: number) => boolean;
}

export interface LoadOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
}

let current: autocannon.Instance | undefined;

/** Stops a measurement in progress (Ctrl-C). */
export function stopMeasuring() {
  current?.stop();
}

const is2xx = (status: number) => status >= 200 && status < 300;

function run(
  target: LoadTarget,
  connections: number,
  durationSec: number,
  onResponse?: (status: number, ms: number) => void,
) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const request: autocannon.Request = {
      method: target.method ?? "GET",
      headers: target.headers,
      ...(target.body === undefined ? {} : { body: target.body }),
    };
    if (target.setupRequest) request.setupRequest = target.setupRequest as autocannon.Request["setupRequest"];
    if (target.onResponse) request.onResponse = target.onResponse as autocannon.Request["onResponse"];
    const instance = autocannon(
      { url: target.url, connections, duration: durationSec, requests: [request], timeout: 30 },
      (error, result) => {
        current = undefined;
        if (error) reject(error);
        else resolve(result);
      },
    );
    current = instance;
    // autocannon emits (client, statusCode, resBytes, responseTime); its type declarations omit client.
    if (onResponse)
      (instance as unknown as NodeJS.EventEmitter).on(
        "response",
        (_client: unknown, status: number, _bytes: number, ms: number) => onResponse(status, ms),
      );
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * A warm-up run (discarded), then the measured run, each after settle() (the server idle). Percentiles come from every expected answer's
 * own latency: autocannon's summary has p97.5 but no p95, and counts a 303 as a failure.
 */
export async function measure(
  target: LoadTarget,
  options: LoadOptions,
  settle: () => Promise<void> = async () => {},
): Promise<Measurement> {
  await settle();
  target.onPhase?.("warm-up");
  if (options.warmupSec > 0) await run(target, options.connections, options.warmupSec);
  await settle();
  target.onPhase?.("measured");
  const expect = target.expect ?? is2xx;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  const result = await run(target, options.connections, options.durationSec, (status, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (expect(status)) latencies.push(ms);
    else unexpected += 1;
  });
  latencies.sort((a, b) => a - b);
  // Requests still in the server when autocannon stops would run into whatever comes next:
  // settle() waits for them (before and after the warm-up too).
  const p99 = percentile(latencies, 99);
  await settle();
  return {
    requests: result.requests.total,
    requestsPerSec: latencies.length / options.durationSec,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99,
    errors: result.errors,
    unexpected,
    statuses,
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
    throw new Error(
      `${where} answered ${response.status}${location ? ` → ${location}` : ""}, not 200.\n${body.slice(0, 400)}`,
    );
  }
  for (const text of contains)
    if (!body.includes(text)) throw new Error(`${where}: the page does not contain ${JSON.stringify(text)}.`);
  for (const text of lacks)
    if (body.includes(text)) throw new Error(`${where}: the page contains ${JSON.stringify(text)}, and should not.`);
  return Buffer.byteLength(body);
}

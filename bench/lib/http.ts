import http, { type IncomingHttpHeaders } from "node:http";
import { Recorder, type Sample } from "./stats";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Req {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** One request on a keep-alive agent; the load loops drain 200 bodies unread (keepBody = false). */
export function send(base: URL, agent: http.Agent, req: Req, keepBody = true): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers["content-length"] = Buffer.byteLength(req.body);
    const r = http.request(
      { host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        if (keepBody || res.statusCode !== 200) res.on("data", (c: Buffer) => chunks.push(c));
        else res.resume();
        res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.once("error", reject);
      },
    );
    r.once("timeout", () => r.destroy(new Error("request timed out")));
    r.once("error", reject);
    r.end(req.body);
  });
}

/** A distinct client address per request, so per-IP limits never meet (the server trusts X-Forwarded-For). */
export function fakeIp(i: number, net = 10): string {
  return `${net}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

export function jsonPost(path: string, input: unknown, headers: Record<string, string> = {}): Req {
  return { method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ json: input }) };
}

function cookiesOf(headers: IncomingHttpHeaders): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of headers["set-cookie"] ?? []) {
    const [pair = ""] = c.split(";");
    const i = pair.indexOf("=");
    if (i > 0) out.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return out;
}

/** next-auth credentials sign-in: csrf cookie + token, then the callback sets the session cookie. */
export async function signIn(base: URL, agent: http.Agent, email: string, password: string, ip: string): Promise<string> {
  const csrf = await send(base, agent, { method: "GET", path: "/api/auth/csrf", headers: { "x-forwarded-for": ip } });
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const jar = cookiesOf(csrf.headers);
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await send(base, agent, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": ip },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const session = cookiesOf(res.headers).get("next-auth.session-token");
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.body.slice(0, 200)}`);
  return `next-auth.session-token=${session}`;
}

/** Runs `jobs` through at most `concurrency` workers; bounded by the number of jobs. */
export async function pool<T>(count: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await job(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return out;
}

export interface LoadResult extends Sample {
  /** Answers other than 200 in the window, by status ("net" for connection errors). */
  errors: Record<string, number>;
  /** One example body per error status, for the report. */
  examples: Record<string, string>;
  /** Every 200 answer, warm-up and stragglers included (for the ledger cross-check). */
  okTotal: number;
  /** Wall-clock (performance.now) bounds of the measured window. */
  windowStart: number;
  windowEnd: number;
}

const MAX_REQUESTS_PER_CLIENT = 5_000_000;

/**
 * N closed-loop clients, each with its own keep-alive connection: send, wait for the answer, send
 * again. Requests completing inside [warm-up, warm-up + measure] count; the loop ends at the
 * window's end (plus the in-flight requests, each bounded by the request timeout).
 */
export async function closedLoop(
  base: URL,
  clients: number,
  warmupMs: number,
  measureMs: number,
  makeRequest: (client: number, seq: number) => Req,
  /** Ends early once this many 200 answers came back (warming a server up). */
  untilOk = Number.POSITIVE_INFINITY,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
  const latencies = new Recorder();
  const errors: Record<string, number> = {};
  const examples: Record<string, string> = {};
  let okTotal = 0;
  const start = performance.now();
  const windowStart = start + warmupMs;
  const windowEnd = windowStart + measureMs;
  const client = async (c: number) => {
    for (let seq = 0; seq < MAX_REQUESTS_PER_CLIENT && performance.now() < windowEnd && okTotal < untilOk; seq++) {
      const t0 = performance.now();
      let status: string;
      let body = "";
      try {
        const reply = await send(base, agent, makeRequest(c, seq), false);
        status = String(reply.status);
        body = reply.body;
      } catch (err) {
        status = "net";
        body = (err as Error).message;
      }
      const t1 = performance.now();
      if (status === "200") okTotal++;
      if (t1 < windowStart || t1 > windowEnd) continue;
      if (status === "200") latencies.push(t1 - t0);
      else {
        errors[status] = (errors[status] ?? 0) + 1;
        examples[status] ??= body.slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  agent.destroy();
  return { latenciesMs: latencies.values(), windowMs: measureMs, errors, examples, okTotal, windowStart, windowEnd };
}

import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { freePort, sleep } from "./proc";

// A tiny Redis client (RESP2 over one TCP connection) and a throwaway redis-server, for baselines.
// Replies arrive in the order the commands were written, so pipelining is just writing before reading.

export type RespValue = string | number | null | RespValue[] | Error;

function encode(args: (string | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/** Parses one reply at `pos`; returns undefined while the buffer does not hold all of it yet. */
function parse(buf: Buffer, pos: number): { value: RespValue; next: number } | undefined {
  if (pos >= buf.length) return undefined;
  const eol = buf.indexOf("\r\n", pos);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[pos] ?? 0);
  const line = buf.toString("latin1", pos + 1, eol);
  switch (type) {
    case "+":
      return { value: line, next: eol + 2 };
    case "-":
      return { value: new Error(line), next: eol + 2 };
    case ":":
      return { value: Number(line), next: eol + 2 };
    case "$": {
      const len = Number(line);
      if (len < 0) return { value: null, next: eol + 2 };
      const end = eol + 2 + len;
      if (buf.length < end + 2) return undefined;
      return { value: buf.toString("utf8", eol + 2, end), next: end + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { value: null, next: eol + 2 };
      const out: RespValue[] = [];
      let p = eol + 2;
      for (let i = 0; i < count; i++) {
        const item = parse(buf, p);
        if (!item) return undefined;
        out.push(item.value);
        p = item.next;
      }
      return { value: out, next: p };
    }
    default:
      throw new Error(`RESP: unexpected reply type ${JSON.stringify(type)}`);
  }
}

export class Resp {
  private pending: { resolve: (v: RespValue) => void; reject: (e: Error) => void }[] = [];
  private buf: Buffer = Buffer.alloc(0);

  private constructor(private socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (err) => this.failAll(err));
    socket.on("close", () => this.failAll(new Error("redis connection closed")));
  }

  static connect(port: number, host = "127.0.0.1"): Promise<Resp> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host, () => {
        s.off("error", reject);
        resolve(new Resp(s));
      });
      s.once("error", reject);
    });
  }

  private onData(chunk: Buffer) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const r = parse(this.buf, pos);
      if (!r) break;
      pos = r.next;
      const waiter = this.pending.shift();
      if (!waiter) continue;
      if (r.value instanceof Error) waiter.reject(r.value);
      else waiter.resolve(r.value);
    }
    this.buf = pos >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(pos);
  }

  private failAll(err: Error) {
    for (const w of this.pending.splice(0)) w.reject(err);
  }

  /** Sends one command; the promise settles with its reply. Calls without awaiting pipeline. */
  command(...args: (string | number)[]): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(encode(args));
    });
  }

  close(): void {
    this.socket.end();
  }
}

export interface RedisServer {
  port: number;
  pid: number;
  stop: () => Promise<void>;
}

/** Starts redis-server on 127.0.0.1 (a free port), in memory only: no snapshots, no append-only file. */
export async function startRedis(bin = process.env.BENCH_REDIS_SERVER ?? "/usr/bin/redis-server"): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(5000).then(() => child.kill("SIGKILL"))]);
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output.slice(-500)}`);
    try {
      const c = await Resp.connect(port);
      await c.command("PING");
      c.close();
      if (child.pid === undefined) throw new Error("redis-server has no pid");
      return { port, pid: child.pid, stop };
    } catch {
      await sleep(50);
    }
  }
  await stop();
  throw new Error(`redis-server did not answer on port ${port}: ${output.slice(-500)}`);
}

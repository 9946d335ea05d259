import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { StartupError, startDatabase } from "./bootstrap";
import { CLIENT_IP_HEADER, resolveClientIp } from "./client-ip";
import { setDbHandle } from "./db/client";
import { env } from "./env";
import { startJobs } from "./jobs";
import { startBoardHub } from "./realtime/board-hub";
import { startDispatcher } from "./realtime/dispatcher";
import { attachSocketIo } from "./realtime/io";

const SHUTDOWN_BUDGET_MS = 9_000;

function fail(message: string): never {
  console.error(`sadiq: ${message}`);
  process.exit(1);
}

async function main() {
  const startedAt = Date.now();
  const dev = process.argv.includes("--dev");
  let e: ReturnType<typeof env>;
  try {
    e = env();
  } catch (err) {
    fail((err as Error).message);
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${e.PORT}`;

  const db = await startDatabase({ seed: true });
  setDbHandle(db.handle);

  const app = next({ dev, dir: process.cwd(), hostname: e.HOSTNAME, port: e.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  let shuttingDown = false;
  let inFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    res.once("close", () => inFlight--);
    if (shuttingDown) res.setHeader("connection", "close");
    // Overwrite whatever the client sent: rate limits trust only this header.
    req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], e.SADIQ_TRUST_PROXY);
    handle(req, res).catch((err: unknown) => {
      console.error("[http] unhandled:", (err as Error).message);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":"internal"}');
    });
  });
  const io = attachSocketIo(server);
  const dispatcher = await startDispatcher(db.handle, io);
  const boardHub = startBoardHub(io, db.handle.live);
  const jobs = startJobs(db.handle);

  if (dev) {
    const upgrade = app.getUpgradeHandler();
    server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) void upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e.PORT, e.HOSTNAME, () => resolve());
  }).catch((err: NodeJS.ErrnoException) => {
    fail(err.code === "EADDRINUSE" ? `port ${e.PORT} is already in use (set PORT)` : `cannot listen: ${err.message}`);
  });
  const shown = e.HOSTNAME === "0.0.0.0" ? "localhost" : e.HOSTNAME;
  console.log(
    `[sadiq] ready on http://${shown}:${e.PORT} — database ${db.handle.kind}, ${db.migrations} migrations, ${dev ? "development" : "production"}, started in ${Date.now() - startedAt} ms`,
  );

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
    console.log(`[sadiq] ${signal}: finishing ${inFlight} request(s), then stopping`);
    const force = setTimeout(() => {
      console.error("[sadiq] shutdown took too long; exiting");
      process.exit(0);
    }, SHUTDOWN_BUDGET_MS + 800);
    force.unref();
    server.close();
    server.closeIdleConnections();
    io.disconnectSockets(true);
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    if (inFlight > 0) console.error(`[sadiq] ${inFlight} request(s) still running at the deadline`);
    server.closeAllConnections();
    await jobs.stop();
    await dispatcher.flush().catch(() => {});
    boardHub.stop();
    await dispatcher.stop();
    await new Promise<void>((r) => io.close(() => r()));
    await db.handle.close().catch((err: Error) => console.error(`[sadiq] closing the database: ${err.message}`));
    db.unlock();
    console.log("[sadiq] stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  // Started by scripts/start.mjs: stop cleanly when it goes away (e.g. npm was killed).
  if (process.send) process.once("disconnect", () => void shutdown("launcher exited"));
}

main().catch((err: unknown) => {
  if (err instanceof StartupError) fail(err.message);
  fail(`start-up failed: ${(err as Error).message?.split("\n")[0] ?? String(err)}`);
});

// The baseline of bench/push.ts: a bare Socket.IO server (no auth, no rooms, no database) that broadcasts one
// message per simulated award to every connected client. A child process; commands over IPC:
//   listen → answer { type: "listening", port }
//   broadcast { rate, seconds } → emits on schedule, answers { type: "broadcasted", sent, lateMs }
//   close → exit
// Each message carries its scheduled send time, so a server that falls behind shows it in the latency.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const now = () => performance.timeOrigin + performance.now();
const httpServer = createServer();
const io = new Server(httpServer, { path: "/socket.io/", serveClient: false });

type ToBare =
  | { type: "listen" }
  | { type: "broadcast"; rate: number; seconds: number; maxRssMb: number }
  | { type: "memory" }
  | { type: "clients" }
  | { type: "close" };

/**
 * Socket.IO buffers what a client cannot take yet without limit: when the clients fall behind, the
 * process grows until it dies. Broadcasting stops early once its memory passes `maxRssMb`.
 */
function broadcast(rate: number, seconds: number, maxRssMb: number) {
  const start = now();
  const count = Math.round(rate * seconds);
  const interval = 1000 / rate;
  let sent = 0;
  let late = 0;
  let peakRssMb = 0;
  let stoppedAtMs: number | null = null;
  const step = () => {
    const rssMb = process.memoryUsage.rss() / 2 ** 20;
    peakRssMb = Math.max(peakRssMb, rssMb);
    if (rssMb > maxRssMb) stoppedAtMs = now() - start;
    // Everything due by now goes out (a busy loop catches up instead of drifting).
    const due = Math.min(count, Math.floor((now() - start) / interval) + 1);
    while (stoppedAtMs === null && sent < due) {
      const t = start + sent * interval;
      late = Math.max(late, now() - t);
      io.emit("award", { i: sent, t });
      sent++;
    }
    if (stoppedAtMs === null && sent < count) setTimeout(step, Math.max(0, start + sent * interval - now()));
    else process.send?.({ type: "broadcasted", sent, lateMs: late, ms: now() - start, stoppedAtMs, peakRssMb });
  };
  step();
}

process.on("message", (msg: ToBare) => {
  switch (msg.type) {
    case "listen":
      httpServer.listen(0, "127.0.0.1", () => process.send?.({ type: "listening", port: (httpServer.address() as AddressInfo).port }));
      break;
    case "broadcast":
      broadcast(msg.rate, msg.seconds, msg.maxRssMb);
      break;
    case "memory":
      process.send?.({ type: "memory", rssMb: process.memoryUsage.rss() / 2 ** 20 });
      break;
    case "clients":
      process.send?.({ type: "clients", count: io.engine.clientsCount });
      break;
    case "close":
      io.close();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready" });

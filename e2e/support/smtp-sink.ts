// A local SMTP server that keeps every message in memory and lists them over HTTP, so e2e tests
// can read the magic links Sadiq really sent through SMTP.
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 2525);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? smtpPort + 1);

interface Stored {
  to: string[];
  raw: string;
  receivedAt: string;
}
const messages: Stored[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      messages.push({
        to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        raw: Buffer.concat(chunks).toString("utf8"),
        receivedAt: new Date().toISOString(),
      });
      callback();
    });
  },
});
smtp.listen(smtpPort, "127.0.0.1");

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/health") return res.end("ok");
  const to = url.searchParams.get("to")?.toLowerCase();
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages));
}).listen(httpPort, "127.0.0.1");

console.log(`smtp sink on 127.0.0.1:${smtpPort}, messages on http://127.0.0.1:${httpPort}/`);

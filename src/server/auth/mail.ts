import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { magicLinkMail } from "./mail-text";

const g = globalThis as unknown as { __sadiqMailer?: Transporter };

function transport(): Transporter | undefined {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  g.__sadiqMailer ??= nodemailer.createTransport(url);
  return g.__sadiqMailer;
}

/** Whether e-mail really goes out (jobs that only mail skip their work otherwise). */
export function mailConfigured(): boolean {
  return !!env().SMTP_URL;
}

interface Mail {
  subject: string;
  text: string;
  html?: string;
}

/** Sends through SMTP when configured; otherwise writes `logLine` to the server log instead. */
async function deliver(to: string, mail: Mail, logLine: string): Promise<void> {
  const t = transport();
  if (!t) {
    console.log(`[sadiq] ${logLine}`);
    return;
  }
  await t.sendMail({ to, from: env().SMTP_FROM, ...mail });
}

/** Sends the sign-in link, or logs it so a server without SMTP can still be signed in to. */
export function sendMagicLink(to: string, url: string): Promise<void> {
  return deliver(to, magicLinkMail(url), `sign-in link for ${to}: ${url}`);
}

/** A plain-text notice. */
export function sendPlainMail(to: string, subject: string, text: string): Promise<void> {
  return deliver(to, { subject, text }, `mail to ${to}: ${subject}`);
}

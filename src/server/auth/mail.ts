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

/** Sends the sign-in link, or writes it to the server log when no SMTP server is configured. */
export async function sendMagicLink(to: string, url: string): Promise<void> {
  const mail = magicLinkMail(url);
  const t = transport();
  if (!t) {
    console.log(`[sadiq] sign-in link for ${to}: ${url}`);
    return;
  }
  await t.sendMail({ to, from: env().SMTP_FROM, subject: mail.subject, text: mail.text, html: mail.html });
}

/** A plain-text notice; logged instead when no SMTP server is configured. */
export async function sendPlainMail(to: string, subject: string, text: string): Promise<void> {
  const t = transport();
  if (!t) {
    console.log(`[sadiq] mail to ${to}: ${subject}`);
    return;
  }
  await t.sendMail({ to, from: env().SMTP_FROM, subject, text });
}

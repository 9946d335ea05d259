import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { SMTP_HTTP } from "./env";

/** The input labelled `label` (exact match), never a container that shares the name. */
export function field(page: Page, label: string) {
  return page.locator("input").and(page.getByLabel(label, { exact: true }));
}

export function uniqueEmail(prefix = "member"): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@e2e.sadiq.test`;
}

export const PASSWORD = "a good long password";

/** Signing in hashes with argon2id and loads the home page: seconds when both cores are busy. */
const SIGNED_IN = { timeout: 30_000 };

/** Signs up through the real form and waits for the member home. */
export async function signUp(page: Page, name: string, email = uniqueEmail()): Promise<string> {
  await page.goto("/signup");
  await field(page, "Your name").fill(name);
  await field(page, "E-mail").fill(email);
  await field(page, "Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/home$/, SIGNED_IN);
  await expect(page.getByTestId("greeting")).toHaveText(`Hello, ${name}`);
  return email;
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/signin");
  await field(page, "E-mail").fill(email);
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/home$/, SIGNED_IN);
}

/** Polls the SMTP sink for the newest message to `to` and returns the first link in it. */
export async function linkFromMail(to: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${SMTP_HTTP}/messages?to=${encodeURIComponent(to)}`);
    const list = (await res.json()) as { raw: string }[];
    const raw = list.at(-1)?.raw;
    if (raw) {
      // Quoted-printable soft line breaks and escapes, as nodemailer writes them.
      const text = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      const match = text.match(/http:\/\/[^\s"<>]+\/api\/auth\/callback\/email\?[^\s"<>]+/);
      if (match) return match[0].replace(/&amp;/g, "&");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no sign-in mail for ${to} within ${timeoutMs} ms`);
}

/** Goes to `path` and waits until the page's scripts have loaded, so clicks reach React, not a bare form. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

/** Fails with every WCAG 2.1 A/AA and best-practice violation axe finds on the page as it is now. */
export async function expectNoViolations(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, label).toEqual([]);
}

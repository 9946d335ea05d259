import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";

type Messages = { landing: { featuresTitle: string }; nav: { signIn: string } };
const load = (locale: string) => JSON.parse(readFileSync(`src/messages/${locale}.json`, "utf8")) as Messages;
const en = load("en");
const MESSAGES = { az: load("az"), tr: load("tr"), ka: load("ka") };

test("the language switcher changes every string, sets lang and is remembered", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const english = await page.getByRole("heading", { level: 2 }).first().textContent();
  expect(english).toBe(en.landing.featuresTitle);

  const seen = new Set([english]);
  for (const [locale, label] of [
    ["az", "Azərbaycanca"],
    ["tr", "Türkçe"],
    ["ka", "ქართული"],
  ] as const) {
    await page.getByRole("combobox").selectOption({ label });
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    const heading = page.getByRole("heading", { level: 2 }).first();
    await expect(heading).toHaveText(MESSAGES[locale].landing.featuresTitle);
    await expect(page.getByRole("link", { name: MESSAGES[locale].nav.signIn, exact: true })).toBeVisible();
    const text = await heading.textContent();
    expect(seen.has(text)).toBe(false);
    seen.add(text);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("heading", { level: 2 }).first()).toHaveText(text ?? "");
  }
});

test("a first visit follows the browser's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ka-GE" });
  const page = await context.newPage();
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("lang", "ka");
  await context.close();
});

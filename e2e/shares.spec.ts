import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createQuest, mutate, query } from "./support/api";
import { BASE_URL } from "./support/env";
import { expectNoViolations, open, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

const brandSlug = "demo";

// Headless Chromium calls itself HeadlessChrome, which the visit beacon ignores as a bot: every browser
// here is a person's, each on its own device (user agent) and network (client address).
const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const PHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";

async function person(browser: Browser, userAgent: string) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    userAgent,
    viewport: { width: 360, height: 780 },
    locale: "en-US",
    timezoneId: "Asia/Baku",
  });
  const octet = () => 1 + Math.floor(Math.random() * 250);
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.67.${octet()}.${octet()}` });
  return context;
}

/** Opens a share link and waits for the page's visit beacon to be answered. */
async function visit(page: Page, url: string) {
  const beacon = page.waitForResponse((r) => r.url().endsWith("/api/shares/visit") && r.request().method() === "POST");
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  expect((await beacon).status()).toBe(200);
}

test("a member shares a quest: a friend's visit pays once; the member's own visits, reloads and later friends do not", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const suffix = randomUUID().slice(0, 6);
  const title = `Bring a friend ${suffix}`;
  const questId = await createQuest({
    kind: "share",
    title,
    description: "Show a friend our café.",
    icon: "share",
    basePoints: 30,
    cadence: "weekly",
    shareTarget: "brand",
  });
  const runId = await createQuest({
    kind: "habit",
    title: `Evening run ${suffix}`,
    icon: "run",
    basePoints: 10,
    cadence: "daily",
    evidence: "value",
    unit: "km",
    health: true,
  });

  const sharerContext = await person(browser, LAPTOP);
  await sharerContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
  const sharer = await sharerContext.newPage();
  await signUp(sharer, "Rena Shares");
  const me = await query<{ memberships: { handle: string }[] }>(sharer.request, "me.get", undefined);
  const handle = me.memberships[0]?.handle ?? "";
  expect(handle).not.toBe("");
  // A health value that no share page or image may show.
  expect((await mutate(sharer.request, "habits.grantConsent", { brandSlug })).status).toBe(200);
  const run = await mutate(sharer.request, "quests.checkIn", { brandSlug, questId: runId, idempotencyKey: randomUUID(), value: "17.3" });
  expect(run.status, JSON.stringify(run.error)).toBe(200);
  const balance = async () => (await query<{ available: number }>(sharer.request, "points.balance", { brandSlug })).available;
  const start = await balance();

  // The member opens the share sheet of the quest; making the link registers this browser as theirs.
  await open(sharer, "/quests");
  const ownBeacon = sharer.waitForResponse((r) => r.url().endsWith("/api/shares/visit"));
  await sharer.getByTestId("quest-card").filter({ hasText: title }).getByTestId("share-quest-button").click();
  const dialog = sharer.getByRole("dialog", { name: "Share your personal link" });
  const link = dialog.getByLabel("Your personal link");
  await expect(link).toHaveValue(new RegExp(`^${BASE_URL}/s/[A-Za-z0-9_-]{12}$`));
  const url = await link.inputValue();
  expect((await ownBeacon).status()).toBe(200);
  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(dialog.getByTestId("share-copy-status")).toHaveText("Link copied.");
  expect(await sharer.evaluate(() => navigator.clipboard.readText())).toBe(url);
  for (const [name, prefix] of [
    ["X", "https://twitter.com/intent/tweet?"],
    ["Facebook", "https://www.facebook.com/sharer/sharer.php?"],
    ["WhatsApp", "https://wa.me/?text="],
    ["Telegram", "https://t.me/share/url?"],
    ["LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?"],
  ] as const) {
    const a = dialog.getByRole("link", { name: `${name} (opens in a new tab)` });
    await expect(a).toHaveAttribute("href", new RegExp(`^${prefix.replace(/[.?]/g, "\\$&")}.*${encodeURIComponent(url)}`));
  }
  await expectNoViolations(sharer, "share sheet");
  await dialog.getByRole("button", { name: "Close" }).click();

  // Asking again gives the same link.
  const again = await mutate(sharer.request, "shares.create", { brandSlug, questId, locale: "en" });
  expect((again.data as { url: string }).url).toBe(url);

  // Opening it themself earns nothing.
  await visit(sharer, url);
  expect(await balance()).toBe(start);

  // A friend on another device and network: the member earns the quest's points once.
  const friendContext = await person(browser, PHONE);
  const friend = await friendContext.newPage();
  await visit(friend, url);
  await expect(friend.getByTestId("share-sharer")).toHaveText(`@${handle} invites you`);
  await expect(friend.getByTestId("share-join")).toHaveAttribute("href", "/signup");
  await expect.poll(balance).toBe(start + 30);
  expect(await friend.content()).not.toContain("17.3");
  await expectNoViolations(friend, "share page");

  // Open Graph and Twitter card tags, and an image that is a 1200×630 PNG.
  await expect(friend.locator('meta[property="og:title"]')).toHaveAttribute("content", /.+/);
  await expect(friend.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const imageUrl = (await friend.locator('meta[property="og:image"]').getAttribute("content")) ?? "";
  expect(imageUrl).toMatch(new RegExp(`^${BASE_URL}/s/[A-Za-z0-9_-]{12}/opengraph-image`));
  await expect(friend.locator('meta[name="twitter:image"]')).toHaveAttribute("content", /\/twitter-image/);
  const image = await friend.request.get(imageUrl);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  const png = await image.body();
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);

  // A reload is the same visitor; a second friend the same week is counted but not paid.
  await visit(friend, url);
  const laterContext = await person(browser, ANDROID);
  await visit(await laterContext.newPage(), url);
  expect(await balance()).toBe(start + 30);
  const mine = await query<{ url: string; visits: number; points: number }[]>(sharer.request, "shares.mine", { brandSlug });
  expect(mine.find((s) => s.url === url)).toMatchObject({ visits: 2, points: 30 });

  // Unknown links are a 404 page; a beacon must come from the page (Origin) and name a real link.
  expect((await friend.goto("/s/AAAAAAAAAAAA"))?.status()).toBe(404);
  const code = url.split("/s/")[1] ?? "";
  expect((await friend.request.post("/api/shares/visit", { data: { code } })).status()).toBe(403);
  expect((await friend.request.post("/api/shares/visit", { data: { code: "AAAAAAAAAAAA" }, headers: { origin: BASE_URL } })).status()).toBe(
    404,
  );

  await Promise.all([sharerContext.close(), friendContext.close(), laterContext.close()]);
});

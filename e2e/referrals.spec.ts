import { randomUUID } from "node:crypto";
import { type Browser, request as playwrightRequest } from "@playwright/test";
import { createQuest, mutate, query, registerMember, signedInClient } from "./support/api";
import { ADMIN, BASE_URL } from "./support/env";
import { expectNoViolations, field, linkFromMail, open, PASSWORD, signIn, signUp, uniqueEmail } from "./support/helpers";
import { expect, test } from "./support/test";

const brandSlug = "demo";

// Headless Chromium calls itself HeadlessChrome, which the visit beacon ignores as a bot: each browser
// here is a person's, on its own device (user agent) and network (client address).
const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const PHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

const octet = () => 1 + Math.floor(Math.random() * 250);

async function person(browser: Browser, userAgent: string) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    userAgent,
    viewport: { width: 390, height: 844 },
    locale: "en-US",
    timezoneId: "Asia/Baku",
  });
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.68.${octet()}.${octet()}` });
  return context;
}

interface Mine {
  code: string;
  path: string;
  offer: { friendPoints: number; referrerPoints: number; qualifyingAction: string };
  milestones: { count: number; points: number; reached: boolean }[];
  referrals: { friendHandle: string; status: string; reason: string | null; points: number }[];
}

/** A friend who signs up through the API with the referrer's code, from a network of their own. */
async function signUpWithCode(code: string, name: string, email: string) {
  const anon = await playwrightRequest.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { "x-forwarded-for": `100.69.${octet()}.${octet()}` },
  });
  const res = await anon.post("/api/trpc/auth.register", { data: { json: { email, password: PASSWORD, name, referralCode: code } } });
  expect(res.status(), await res.text()).toBe(200);
  const { handle } = ((await res.json()) as { result: { data: { json: { handle: string } } } }).result.data.json;
  await anon.dispose();
  return { handle, api: await signedInClient(email, PASSWORD) };
}

test("a friend opens an invite link, signs up and completes a quest; both see their rewards arrive live", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const title = `Morning stretch ${randomUUID().slice(0, 6)}`;
  await createQuest({ kind: "habit", title, description: "Five minutes.", icon: "run", basePoints: 20, cadence: "daily" });

  // The referrer opens their invite page and copies the link.
  const referrerContext = await person(browser, LAPTOP);
  await referrerContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
  const referrer = await referrerContext.newPage();
  await signUp(referrer, "Leyla Invites");
  const mine = await query<Mine>(referrer.request, "referrals.mine", { brandSlug });
  const inviterHandle =
    (await query<{ memberships: { handle: string }[] }>(referrer.request, "me.get", undefined)).memberships[0]?.handle ?? "";
  const { friendPoints, referrerPoints } = mine.offer;
  expect(mine.offer.qualifyingAction).toBe("first_quest");
  expect(mine.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  const firstMilestone = mine.milestones[0];
  expect(firstMilestone).toMatchObject({ count: 1, reached: false });
  const referrerStart = (await query<{ available: number }>(referrer.request, "points.balance", { brandSlug })).available;

  await open(referrer, "/referrals");
  await expect(referrer.getByRole("heading", { level: 1, name: "Invite friends" })).toBeVisible();
  await expect(referrer.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  const link = referrer.getByLabel("Your personal link");
  const url = `${BASE_URL}/r/${mine.code}`;
  await expect(link).toHaveValue(url);
  await referrer.getByRole("button", { name: "Copy link" }).click();
  await expect(referrer.getByTestId("share-copy-status")).toHaveText("Link copied.");
  expect(await referrer.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(referrer.getByRole("link", { name: "WhatsApp (opens in a new tab)" })).toHaveAttribute(
    "href",
    new RegExp(`^https://wa\\.me/\\?text=.*${encodeURIComponent(url)}`),
  );
  await expect(referrer.getByTestId("referrals-empty")).toBeVisible();
  await expect(referrer.getByTestId("referral-earned")).toHaveCount(0);
  await expect(referrer.getByTestId("funnel-visits")).toHaveAttribute("data-count", "0");
  await expectNoViolations(referrer, "referrals page (empty)");

  // The friend, on another phone and network, opens the link: the inviter, the offer, and the invite remembered.
  const friendContext = await person(browser, PHONE);
  const friend = await friendContext.newPage();
  const beacon = friend.waitForResponse((r) => r.url().endsWith("/api/referrals/visit") && r.request().method() === "POST");
  expect((await friend.goto(url))?.status()).toBe(200);
  expect((await beacon).status()).toBe(200);
  await expect(friend.getByTestId("invite-inviter")).toHaveText(`@${inviterHandle} invited you`);
  await expect(friend.getByTestId("invite-offer")).toHaveText(`Get ${friendPoints} points after your first quest.`);
  await expect(friend.getByTestId("offer-steps")).toContainText(`@${inviterHandle} gets ${referrerPoints} points for inviting you.`);
  const cookies = await friendContext.cookies(BASE_URL);
  const remembered = cookies.find((c) => c.name === "sadiq_ref");
  expect(remembered?.value).toBe(mine.code);
  expect(remembered?.httpOnly).toBe(true);
  // Thirty days by default, counted from now.
  expect(Math.round(((remembered?.expires ?? 0) * 1000 - Date.now()) / 86_400_000)).toBe(30);
  await expect(friend.locator('meta[property="og:title"]')).toHaveAttribute("content", new RegExp(`^@${inviterHandle} invited you to .+`));
  await expectNoViolations(friend, "invite landing page");
  await friend.screenshot({ path: testInfo.outputPath("landing.png"), fullPage: true });

  // The card names the inviter and is a 1200×630 PNG.
  const imageUrl = (await friend.locator('meta[property="og:image"]').getAttribute("content")) ?? "";
  expect(imageUrl).toMatch(new RegExp(`^${BASE_URL}/r/${mine.code}/opengraph-image`));
  await expect(friend.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const image = await friend.request.get(imageUrl);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  const png = await image.body();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);

  // Join carries the code to the sign-up form, which says what the friend will get.
  await friend.getByTestId("invite-join").click();
  await expect(friend).toHaveURL(new RegExp(`/signup\\?ref=${mine.code}$`));
  await expect(friend.getByTestId("signup-invited")).toHaveText(
    `Invited by @${inviterHandle}: you will get ${friendPoints} points after your first quest.`,
  );
  await field(friend, "Your name").fill("Kamran Friend");
  await field(friend, "E-mail").fill(uniqueEmail("friend"));
  await field(friend, "Password").fill(PASSWORD);
  await friend.getByRole("button", { name: "Create account" }).click();
  await expect(friend).toHaveURL(/\/home$/);
  const friendHandle =
    (await query<{ memberships: { handle: string }[] }>(friend.request, "me.get", undefined)).memberships[0]?.handle ?? "";
  expect(friendHandle).not.toBe("");

  // The sign-up shows on the referrer's page at once, waiting for the first quest.
  const row = referrer.locator(`[data-testid="referral-row"]`).filter({ hasText: `@${friendHandle}` });
  await expect(row).toHaveAttribute("data-status", "signed_up", { timeout: 15_000 });
  await expect(referrer.getByTestId("funnel-signUps")).toHaveAttribute("data-count", "1");
  await expect(referrer.getByTestId("funnel-visits")).toHaveAttribute("data-count", "1");

  // The friend completes their first quest: the quest's points and the welcome points arrive live.
  await open(friend, "/quests");
  await expect(friend.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(friend.getByTestId("quests-balance")).toHaveText("0");
  await friend
    .getByTestId("quest-card")
    .filter({ hasText: title })
    .getByRole("button", { name: /^Check in/ })
    .click();
  await expect(friend.getByTestId("quests-balance")).toHaveText(String(20 + friendPoints), { timeout: 15_000 });

  // The referrer's page, never reloaded, shows the friend rewarded, the points, the funnel and the milestone.
  await expect(row).toHaveAttribute("data-status", "rewarded", { timeout: 15_000 });
  await expect(row.getByTestId("referral-points")).toHaveText(`+${referrerPoints} points`);
  await expect(referrer.getByTestId("referral-earned")).toHaveText(`You have earned ${referrerPoints} points from 1 rewarded friend.`);
  await expect(row).toContainText("Rewarded");
  await expect(referrer.getByTestId("funnel-rewarded")).toHaveAttribute("data-count", "1");
  await expect(referrer.getByTestId("funnel-qualified")).toHaveAttribute("data-count", "1");
  await expect(referrer.getByTestId("milestone").first()).toHaveAttribute("data-reached", "true");
  await expect(referrer.getByTestId("points-toast")).toBeVisible();
  const referrerEnd = (await query<{ available: number }>(referrer.request, "points.balance", { brandSlug })).available;
  expect(referrerEnd - referrerStart).toBe(referrerPoints + (firstMilestone?.points ?? 0));
  await expectNoViolations(referrer, "referrals page (rewarded)");
  await referrer.screenshot({ path: testInfo.outputPath("referrals.png"), fullPage: true });

  // The referrers' board counts the rewarded friend.
  await open(referrer, "/leaderboards?board=referrals&period=week");
  await expect(referrer.getByTestId("board-referrals")).toHaveAttribute("aria-current", "page");
  await expect(referrer.getByTestId("my-points")).toHaveText("1 friend");

  // A mistyped link is a friendly 404, and the beacon only answers the page's own script.
  const missing = await friend.goto("/r/ZZZZZZZZ");
  expect(missing?.status()).toBe(404);
  await expect(friend.getByTestId("invite-not-found")).toContainText("This invite link does not work");
  expect((await friend.request.post("/api/referrals/visit", { data: { code: mine.code } })).status()).toBe(403);
  expect((await friend.request.post("/api/referrals/visit", { data: { code: "ZZZZZZZZ" }, headers: { origin: BASE_URL } })).status()).toBe(
    404,
  );

  await Promise.all([referrerContext.close(), friendContext.close()]);
});

test("staff see each flag and block explained, approve one held referral and reject another with a reason the referrer reads", async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const suffix = randomUUID().slice(0, 6);
  const questId = await createQuest({ kind: "habit", title: `Water ${suffix}`, icon: "run", basePoints: 10, cadence: "daily" });

  // A referrer on gmail; two friends on throwaway domains and one who is the referrer again, written differently.
  const referrerEmail = `ni.gar.${suffix}@gmail.com`;
  const anon = await playwrightRequest.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { "x-forwarded-for": `100.70.${octet()}.${octet()}` },
  });
  const made = await anon.post("/api/trpc/auth.register", {
    data: { json: { email: referrerEmail, password: PASSWORD, name: "Nigar Refers" } },
  });
  expect(made.status(), await made.text()).toBe(200);
  await anon.dispose();
  const referrerApi = await signedInClient(referrerEmail, PASSWORD);
  const { code } = await query<Mine>(referrerApi, "referrals.mine", { brandSlug });

  const kept = await signUpWithCode(code, "Orkhan Kept", `orkhan.${suffix}@yopmail.com`);
  const dropped = await signUpWithCode(code, "Sabina Dropped", `sabina.${suffix}@mailinator.com`);
  const alias = await signUpWithCode(code, "Nigar Again", `nigar${suffix}+second@googlemail.com`);
  for (const f of [kept, dropped]) {
    const done = await mutate(f.api, "quests.checkIn", { brandSlug, questId, idempotencyKey: randomUUID() });
    expect(done.status, JSON.stringify(done.error)).toBe(200);
  }
  const statuses = async () =>
    Object.fromEntries((await query<Mine>(referrerApi, "referrals.mine", { brandSlug })).referrals.map((r) => [r.friendHandle, r.status]));
  expect(await statuses()).toEqual({ [kept.handle]: "held", [dropped.handle]: "held", [alias.handle]: "blocked" });

  // A moderator's view: every reason in plain words, the masked address and the auto-approve date.
  const adminContext = await person(browser, LAPTOP);
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await open(admin, "/staff/referrals");
  await expect(admin.getByRole("heading", { level: 1, name: "Referrals" })).toBeVisible();
  await expect(admin.getByRole("tab", { name: "Held" })).toHaveAttribute("aria-selected", "true");
  const item = (handle: string) => admin.locator(`[data-testid="referral-queue-item"][data-friend="${handle}"]`);
  await expect(item(kept.handle).getByTestId("referral-flag")).toHaveText(
    "Disposable e-mail domain yopmail.com: addresses there are thrown away after a single use.",
  );
  await expect(item(dropped.handle).getByTestId("referral-flag")).toContainText("Disposable e-mail domain mailinator.com");
  const referrerHandle =
    (await query<{ memberships: { handle: string }[] }>(referrerApi, "me.get", undefined)).memberships[0]?.handle ?? "";
  await expect(item(kept.handle).getByRole("heading", { level: 3 })).toHaveText(`@${referrerHandle} invited @${kept.handle}`);
  await expect(item(kept.handle)).toContainText("@yopmail.com");
  await expect(item(kept.handle)).not.toContainText(`orkhan.${suffix}`);
  await expect(item(kept.handle).getByTestId("referral-auto-approve")).not.toBeEmpty();
  await expectNoViolations(admin, "staff referrals queue");
  await admin.screenshot({ path: testInfo.outputPath("staff-referrals.png"), fullPage: true });

  // Approve one: it leaves the held tab.
  await item(kept.handle).getByTestId("referral-approve").click();
  await expect(admin.getByText(`Approved: @${kept.handle} and the referrer get their points.`)).toBeVisible();
  await expect(item(kept.handle)).toHaveCount(0);

  // Reject the other; the reason is required.
  await item(dropped.handle).getByTestId("referral-reject").click();
  const dialog = admin.getByRole("dialog", { name: "Reject this referral" });
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(dialog).toContainText("Give a reason of at least 3 characters; the member will read it.");
  await dialog.getByLabel("Reason", { exact: true }).fill("The address is a throwaway inbox.");
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(admin.getByText(`Rejected: @${dropped.handle}'s invite will not pay, and the referrer sees your reason.`)).toBeVisible();
  await expect(item(dropped.handle)).toHaveCount(0);

  // The blocked tab explains the gmail alias.
  await admin.getByRole("tab", { name: "Blocked" }).click();
  await expect(item(alias.handle).getByTestId("referral-block")).toHaveText(
    "Self-referral: the friend's e-mail is the referrer's own address written differently (gmail.com and some other providers ignore dots and +tags).",
  );
  await expect(item(alias.handle).getByTestId("referral-approve")).toHaveCount(0);
  await admin.getByRole("tab", { name: "Rewarded" }).click();
  await expect(item(kept.handle)).toHaveAttribute("data-status", "rewarded");

  // Deciding again is refused with its own message, not an error page.
  const adminApi = await signedInClient(ADMIN.email, ADMIN.password);
  const rewarded = await query<{ items: { id: string; friend: { handle: string } }[] }>(adminApi, "referrals.queue", {
    brandSlug,
    filter: "rewarded",
  });
  const referralId = rewarded.items.find((i) => i.friend.handle === kept.handle)?.id;
  expect(referralId).toBeDefined();
  const again = await mutate(adminApi, "referrals.review", { brandSlug, referralId, decision: "reject", reason: "Too late." });
  expect(again.status).toBe(409);
  expect(again.error?.message).toBe("referrals.alreadyDecided");
  await adminApi.dispose();

  // Settings: a bad value is shown on its field; a good save sticks.
  const settings = admin.getByTestId("referral-settings");
  const days = field(admin, "Days an invite is remembered");
  const before = await days.inputValue();
  await days.fill("0");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.locator('[data-field-error="cookieDays"]')).toHaveText("Enter a whole number of days between 1 and 365.");
  await days.fill(before);
  const domains = settings.getByLabel("More disposable e-mail domains", { exact: true });
  await domains.fill(`throwaway-${suffix}.test`);
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await open(admin, "/staff/referrals");
  await expect(admin.getByTestId("referral-settings").getByLabel("More disposable e-mail domains", { exact: true })).toHaveValue(
    `throwaway-${suffix}.test`,
  );
  await expectNoViolations(admin, "staff referrals settings");

  // The referrer reads each outcome in plain words.
  const referrerContext = await person(browser, PHONE);
  const page = await referrerContext.newPage();
  await signIn(page, referrerEmail);
  await open(page, "/referrals");
  const row = (handle: string) => page.locator('[data-testid="referral-row"]').filter({ hasText: `@${handle}` });
  await expect(row(kept.handle)).toHaveAttribute("data-status", "rewarded");
  await expect(row(dropped.handle).getByTestId("referral-explain")).toHaveText(
    "The team did not approve this invite: The address is a throwaway inbox.",
  );
  await expect(row(alias.handle)).toHaveAttribute("data-status", "blocked");
  await expect(page.getByTestId("funnel-rejected")).toHaveAttribute("data-count", "1");
  await expect(page.getByTestId("funnel-blocked")).toHaveAttribute("data-count", "1");
  await expectNoViolations(page, "referrals page (outcomes)");

  await Promise.all([adminContext.close(), referrerContext.close(), referrerApi.dispose()]);
});

test("an invite code that is no invite never blocks a sign-up", async ({ page }) => {
  await open(page, "/signup?ref=not-a-code");
  await expect(page.getByTestId("signup-invited")).toHaveCount(0);
  await field(page, "Your name").fill("Ramin Plain");
  await field(page, "E-mail").fill(uniqueEmail("plain"));
  await field(page, "Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByTestId("greeting")).toHaveText("Hello, Ramin Plain");
});

test("an invite opened before a magic-link sign-up is remembered by its cookie and attached", async ({ page }) => {
  test.setTimeout(120_000);
  const referrer = await registerMember("Elnur Links");
  const { code } = await query<Mine>(referrer.api, "referrals.mine", { brandSlug });

  const beacon = page.waitForResponse((r) => r.url().endsWith("/api/referrals/visit") && r.request().method() === "POST");
  await page.goto(`/r/${code}`);
  expect((await beacon).status()).toBe(200);

  // The friend leaves the invite page and signs up by e-mail link instead of the Join button.
  const email = uniqueEmail("magicfriend");
  await page.goto("/signin");
  await page.getByRole("tab", { name: "E-mail link" }).click();
  await field(page, "E-mail").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await page.goto(await linkFromMail(email));
  await expect(page).toHaveURL(/\/home\?lang=en$/);
  const friendHandle = (await query<{ memberships: { handle: string }[] }>(page.request, "me.get", undefined)).memberships[0]?.handle;

  // A fresh client: the first one's idle keep-alive connection may have been closed by the server meanwhile.
  await referrer.api.dispose();
  const referrerApi = await signedInClient(referrer.email, referrer.password);
  const mine = await query<Mine>(referrerApi, "referrals.mine", { brandSlug });
  expect(mine.referrals.map((r) => [r.friendHandle, r.status])).toEqual([[friendHandle, "signed_up"]]);
  await referrerApi.dispose();
});

import { randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { mutate, signedInClient } from "./support/api";
import { ADMIN, BASE_URL } from "./support/env";
import { expectNoViolations, field, open, signIn, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

const brandSlug = "demo";
const BODY = "Keeps tea hot for a whole day of walking in the hills, and the lid never leaked once.";

/** A second browser (the member) with its own client address, like the `context` fixture gives the first. */
async function secondBrowser(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 360, height: 780 }, locale: "en-US" });
  const octet = () => 1 + Math.floor(Math.random() * 250);
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.66.${octet()}.${octet()}` });
  return context;
}

/** Staff create a review quest through the API, as the quest builder does. */
async function createReviewQuest(title: string, basePoints: number): Promise<string> {
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const res = await mutate(admin, "quests.create", {
    brandSlug,
    quest: { kind: "review", title, description: "Tell others what you think.", icon: "review", basePoints, cadence: "once" },
  });
  await admin.dispose();
  expect(res.status, JSON.stringify(res.error)).toBe(200);
  return (res.data as { id: string }).id;
}

test("a member reviews a product, staff approve it and the author sees the points vest without reloading", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const suffix = randomUUID().slice(0, 6);
  const questTitle = `Review a bottle ${suffix}`;
  const product = `Thermos ${suffix}`;
  await createReviewQuest(questTitle, 40);

  // The member signs up in a second browser and finds the quest on the reviews page.
  const memberContext = await secondBrowser(browser);
  const member = await memberContext.newPage();
  await signUp(member, "Nino Reviews");
  const handle = ((await member.getByTestId("handle").first().textContent()) ?? "").replace(/^@/, "");
  expect(handle).not.toBe("");
  await open(member, "/reviews");
  await member.getByTestId("review-quest").filter({ hasText: questTitle }).getByRole("link", { name: "Write a review" }).click();
  await expect(member).toHaveURL(/\/reviews\/new\?quest=/);
  await member.waitForLoadState("networkidle");

  const form = member.getByTestId("review-form");
  await expect(form).toContainText("Earn 40 points once staff approve your review, whatever rating you give.");
  await field(member, "Product").fill(product);
  // The rating is a radio group: arrow keys move between the stars.
  await member.getByRole("radio", { name: "2 stars" }).focus();
  await member.keyboard.press("ArrowLeft");
  await expect(member.getByRole("radio", { name: "1 star", exact: true })).toBeChecked();
  const text = form.getByLabel("Your review", { exact: true });
  await text.fill("Too short to count.");
  await expect(form.getByText("19 of at least 50 characters")).toBeVisible();
  await form.getByRole("button", { name: "Send review" }).click();
  await expect(member.locator('[data-field-error="body"]')).toHaveText("Write at least 50 characters.");
  await text.fill(BODY);
  await expect(form.getByText(`${BODY.length} characters: long enough`)).toBeVisible();
  await form.getByRole("button", { name: "Send review" }).click();
  await expect(member.getByTestId("review-success")).toContainText("40 points are pending until staff approve your review.");

  await member.getByRole("link", { name: "See my reviews" }).click();
  await expect(member).toHaveURL(/\/reviews$/);
  await member.waitForLoadState("networkidle");
  const mine = member.getByTestId("my-review").filter({ hasText: product });
  await expect(mine.getByTestId("review-status")).toHaveText("Waiting for approval");
  await expect(mine.getByTestId("review-points")).toHaveText("40 points waiting for staff approval");
  await expect(member.getByTestId("reviews-available")).toHaveText("0");
  await expect(member.getByTestId("reviews-pending")).toHaveText("40");
  await expect(member.getByTestId("review-quest").filter({ hasText: questTitle })).toContainText("Reviewed");
  await expect(member.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live");
  // Survives only as long as the page is not reloaded.
  await member.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  // Staff find the review in the queue, with its text, rating and author, and approve it.
  await signIn(page, ADMIN.email, ADMIN.password);
  await open(page, "/staff/reviews");
  await expect(page.locator('nav a[href="/staff/reviews"]')).toHaveAttribute("aria-current", "page");
  const item = page.getByTestId("review-item").filter({ hasText: product });
  await expect(item).toContainText(BODY);
  await expect(item.getByTestId("review-author")).toHaveText(`@${handle}`);
  await expect(item.getByTestId("stars")).toHaveAttribute("data-rating", "1");
  await item.getByRole("button", { name: `Approve ${product}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Approved. The points of @${handle} are now available.` })).toBeVisible();
  await expect(page.getByTestId("review-item").filter({ hasText: product })).toHaveCount(0);

  // The author's open page moves on its own: the balance vests and the review reads approved.
  await expect(member.getByTestId("reviews-available")).toHaveText("40");
  await expect(member.getByTestId("reviews-pending")).toHaveText("0");
  await expect(mine.getByTestId("review-status")).toHaveText("Approved");
  await expect(mine.getByTestId("review-points")).toHaveText("40 points added to your balance");
  expect(await member.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // Removing it later takes the points back, and the author reads why.
  await page.getByLabel("Show", { exact: true }).selectOption("approved");
  const approved = page.getByTestId("review-item").filter({ hasText: product });
  await approved.getByRole("button", { name: `Remove ${product}` }).click();
  const dialog = page.getByRole("dialog", { name: "Remove this approved review?" });
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog.locator('[data-field-error="reason"]')).toBeVisible();
  await dialog.getByLabel("Reason", { exact: true }).fill("The photo shows another brand");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Removed. The points of @${handle} were taken back.` })).toBeVisible();
  await expect(member.getByTestId("reviews-available")).toHaveText("0");
  await expect(mine.getByTestId("review-status")).toHaveText("Removed");
  await expect(mine.getByTestId("review-reason")).toContainText("Why: The photo shows another brand");
  await memberContext.close();
});

test("the review pages have no axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  const questId = await createReviewQuest(`Review a mug ${randomUUID().slice(0, 6)}`, 15);
  await signUp(page, "Axe Reviews");
  await open(page, "/reviews");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My reviews");
  await expectNoViolations(page, "/reviews");

  await open(page, `/reviews/new?quest=${questId}`);
  await page.getByTestId("review-form").getByRole("button", { name: "Send review" }).click();
  await expect(page.locator('[data-field-error="body"]')).toBeVisible();
  await expect(page.locator('[data-field-error="rating"]')).toBeVisible();
  await expectNoViolations(page, "/reviews/new with errors");

  await open(page, "/reviews/new?quest=not-a-quest");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review quest not found");

  await page.context().clearCookies();
  await signIn(page, ADMIN.email, ADMIN.password);
  await open(page, "/staff/reviews");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reviews and approvals");
  await expectNoViolations(page, "/staff/reviews");
  await page.getByRole("tab", { name: "Reviews" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Other approvals" })).toHaveAttribute("aria-selected", "true");
  await expectNoViolations(page, "/staff/reviews approvals tab");
});

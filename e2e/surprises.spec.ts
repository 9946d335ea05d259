import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createQuest } from "./support/api";
import { ADMIN, BASE_URL } from "./support/env";
import { expectNoViolations, field, open, signIn, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

// Check-in days are counted in the member's zone, which the quests page takes from the browser.
test.use({ timezoneId: "Asia/Baku" });

/** The staff member's own browser, with its own client address. */
async function staffBrowser(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 390, height: 844 }, locale: "en-US" });
  const octet = () => 1 + Math.floor(Math.random() * 250);
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.68.${octet()}.${octet()}` });
  return context;
}

const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * Staff build a table through the builder. It draws only after this test's own quest, so members of
 * the specs running beside it on the same server never get its draws.
 */
async function buildTable(admin: Page, name: string, questTitle: string) {
  await open(admin, "/staff/surprises");
  await expect(admin.getByRole("heading", { level: 1, name: "Surprise tables" })).toBeVisible();
  await admin.getByRole("button", { name: "New surprise table" }).click();
  const form = admin.getByTestId("surprise-table-form");
  await field(admin, "Name").fill(name);
  await form.getByLabel("Draw when", { exact: true }).selectOption("quest_completed");
  await form.getByLabel("Which quest", { exact: true }).selectOption({ label: questTitle });
  const prize = form.getByTestId("prize-row");
  await expect(prize).toHaveCount(1);
  await prize.getByLabel("Kind", { exact: true }).selectOption("points");
  await prize.getByLabel("Label", { exact: true }).fill("25 bonus points");
  await prize.getByLabel("Points", { exact: true }).fill("25");
  await prize.getByLabel("Weight", { exact: true }).fill("1");
  // The live preview already shows what members will read.
  await expect(prize.getByTestId("prize-odds")).toHaveText("100% · 1 in 1");
  await expect(form.getByTestId("odds-preview")).toContainText("25 bonus points");
  await admin.screenshot({ path: test.info().outputPath(`table-form-${name}.png`), fullPage: true });
  await form.getByRole("button", { name: "Create table" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `“${name}” was created.` })).toBeVisible();
  const card = admin.getByTestId("staff-surprise-table").filter({ hasText: name });
  await expect(card).toHaveCount(1);
  return card;
}

/** A new member checks in the quest on a live /quests page; the reveal that follows is returned. */
async function checkInAsNewMember(page: Page, name: string, questTitle: string) {
  await signUp(page, name);
  await open(page, "/quests");
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await page
    .getByTestId("quest-card")
    .filter({ hasText: questTitle })
    .getByRole("button", { name: /^Check in/ })
    .click();
  return page.getByTestId("surprise-reveal");
}
test("staff build a table, a member's quest check-in reveals the prize, which lands in their points, with odds and a draw to verify", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 6);
  const questTitle = `Sunrise stretch ${suffix}`;
  const tableName = `Morning luck ${suffix}`;
  await createQuest({
    kind: "habit",
    title: questTitle,
    description: "Five minutes of stretching.",
    icon: "run",
    basePoints: 10,
    cadence: "daily",
  });

  const adminContext = await staffBrowser(browser);
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);

  // A form sent with a problem keeps the staff member on it, with the complaint on the field.
  await open(admin, "/staff/surprises");
  await admin.getByRole("button", { name: "New surprise table" }).click();
  const form = admin.getByTestId("surprise-table-form");
  await field(admin, "Name").fill("X");
  await form.getByRole("button", { name: "Create table" }).click();
  await expect(form.locator('[data-field-error="name"]')).toHaveText("Give the table a name of at least 2 characters.");
  await expect(field(admin, "Name")).toBeFocused();
  await form.getByRole("button", { name: "Cancel" }).click();

  const card = await buildTable(admin, tableName, questTitle);
  await expect(card.getByTestId("staff-table-trigger")).toHaveText(`A quest is completed · ${questTitle}`);
  await expect(card).toContainText("25 bonus points");
  await expectNoViolations(admin, "/staff/surprises");
  expect(await fits(admin)).toBe(true);
  await admin.screenshot({ path: test.info().outputPath("staff-surprises.png"), fullPage: true });

  // The member checks in; the draw is recorded with the check-in and its reveal turns over on the page.
  const reveal = await checkInAsNewMember(page, "Leyla Surprise", questTitle);
  await expect(reveal).toHaveAttribute("data-state", "shown", { timeout: 20_000 });
  await expect(reveal).toContainText(`Surprise from ${tableName}`);
  await expect(reveal.getByTestId("surprise-prize")).toHaveText("25 bonus points");
  await expect(page.getByTestId("surprise-announcement")).toHaveText(`Surprise from ${tableName}: you won 25 bonus points.`);
  const drawId = await reveal.getAttribute("data-draw-id");
  expect(drawId).toMatch(/^[0-9a-f-]{36}$/);

  // The prize is in the points history, with the table named in its reason.
  await reveal.getByRole("link", { name: "See it in your points" }).click();
  await expect(page).toHaveURL(/\/points$/);
  const entry = page.getByTestId("history-item").filter({ hasText: tableName });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId("history-amount")).toHaveText("+25");
  await expect(entry).toContainText("Surprise");
  // A draw already revealed is not revealed again on the next page.
  await expect(page.getByTestId("surprise-reveal")).toHaveCount(0);

  // The odds page: one prize, so a certain win; the draw is listed with a link to verify it.
  await open(page, "/surprises");
  const odds = page.getByTestId("odds-table").filter({ hasText: tableName });
  await expect(odds.getByTestId("odds-trigger")).toHaveText(`After the quest “${questTitle}”`);
  await expect(odds.getByTestId("odds-percent")).toHaveText("100%");
  await expect(odds).toContainText("1 in 1");
  await expect(odds.getByTestId("odds-pity")).toHaveText("There is no guaranteed win on this table: every draw has the odds above.");
  await expect(odds.getByTestId("odds-dry-spell")).toHaveText("Your dry spell: no draws without a win.");
  await expect(odds.getByTestId("odds-budget")).toContainText("975 of 1,000 points left today");
  await expect(odds.getByTestId("odds-budget")).toContainText("9,975 of 10,000 points left in total");
  const draw = page.locator(`[data-testid="my-draw"][data-draw-id="${drawId}"]`);
  await expect(draw.getByTestId("my-draw-outcome")).toHaveText("25 bonus points");
  await expect(page.getByTestId("commitment-short")).toHaveText(/^[0-9a-f]{8}…[0-9a-f]{8}$/);
  await expectNoViolations(page, "/surprises");
  expect(await fits(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("surprises.png"), fullPage: true });

  // Today's seed is still secret: the verify page says when the draw can be checked.
  await draw.getByRole("link", { name: /^Verify/ }).click();
  await expect(page).toHaveURL(new RegExp(`/surprises/verify\\?draw=${drawId}$`));
  await expect(page.getByTestId("verify-draw-id")).toHaveText(drawId ?? "");
  await expect(page.getByTestId("verify-outcome")).toHaveText("25 bonus points");
  // Periods end at midnight UTC, which is 04:00 on this member's clock in Baku.
  await expect(page.getByTestId("verify-not-yet")).toContainText("This draw can be verified after");
  await expect(page.getByTestId("verify-not-yet")).toContainText("4:00 AM");
  const commitment = (await page.getByTestId("verify-commitment").textContent()) ?? "";
  expect(commitment).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId("verify-seed")).toHaveCount(0);
  // A guessed seed is checked in the browser, step by step, and fails where it must.
  await field(page, "Seed (64 hex characters)").fill("ab".repeat(32));
  await page.getByRole("button", { name: "Verify in my browser" }).click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("verify-result")).toContainText("The seed does not hash to the published commitment.");
  await expect(page.getByTestId("verify-steps")).toContainText("sha256(seed) is not the published commitment");
  await expectNoViolations(page, "/surprises/verify");
  expect(await fits(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("verify.png"), fullPage: true });

  // An unknown draw reads as not found, not as an error page.
  await open(page, `/surprises/verify?draw=${randomUUID()}`);
  await expect(page.getByTestId("verify-not-found")).toHaveText("We could not find that draw. Check the link or the draw id.");

  // Staff see the draw in the table's figures, then archive it; members no longer see its odds.
  await open(admin, "/staff/surprises");
  const staffCard = admin.getByTestId("staff-surprise-table").filter({ hasText: tableName });
  await staffCard.getByRole("button", { name: `Show figures ${tableName}` }).click();
  await expect(staffCard.getByTestId("surprise-stat-draws")).toHaveText("1");
  await expect(staffCard.getByTestId("surprise-stat-wins")).toHaveText("1");
  await expect(staffCard.getByTestId("surprise-stat-pointsPaid")).toHaveText("25");
  await staffCard.getByRole("button", { name: `Archive ${tableName}` }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `“${tableName}” was archived.` })).toBeVisible();
  await open(page, "/surprises");
  await expect(page.getByTestId("odds-table").filter({ hasText: tableName })).toHaveCount(0);
  await adminContext.close();
});

test("with reduced motion the reveal shows the result at once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const suffix = randomUUID().slice(0, 6);
  const questTitle = `Glass of water ${suffix}`;
  const tableName = `Still luck ${suffix}`;
  await createQuest({ kind: "habit", title: questTitle, description: "One glass.", icon: "water", basePoints: 5, cadence: "daily" });
  const adminContext = await staffBrowser(browser);
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await buildTable(admin, tableName, questTitle);

  await page.emulateMedia({ reducedMotion: "reduce" });
  const reveal = await checkInAsNewMember(page, "Aysel Calm", questTitle);
  await expect(reveal).toBeVisible({ timeout: 20_000 });
  // No suspense: the first frame already shows the prize.
  await expect(reveal).toHaveAttribute("data-state", "shown", { timeout: 100 });
  await reveal.getByRole("button", { name: "Close" }).click();
  await expect(reveal).toHaveCount(0);

  const card = admin.getByTestId("staff-surprise-table").filter({ hasText: tableName });
  await card.getByRole("button", { name: `Archive ${tableName}` }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `“${tableName}” was archived.` })).toBeVisible();
  await adminContext.close();
});

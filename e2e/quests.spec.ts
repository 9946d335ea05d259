import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { createQuest } from "./support/api";
import { expectNoViolations, open, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

const _brandSlug = "demo";

// Days are counted in the member's zone, which the quests page takes from the browser on first visit.
test.use({ timezoneId: "Asia/Baku" });

const card = (page: Page, title: string) => page.getByTestId("quest-card").filter({ hasText: title });

test("a member checks in a daily habit, sees points and streak update live, undoes it, and cannot check in twice a day", async ({
  page,
  context,
}) => {
  // Three tabs of a live page on a two-core machine: over a minute alone, more beside another test.
  test.setTimeout(240_000);
  const title = `Morning walk ${randomUUID().slice(0, 6)}`;
  await createQuest({
    kind: "habit",
    title,
    description: "Ten minutes outside before work.",
    icon: "run",
    basePoints: 20,
    cadence: "daily",
  });

  await signUp(page, "Nigar Quests");
  await open(page, "/quests");
  await expect(page.getByRole("heading", { level: 1, name: "Quests" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  const walk = card(page, title);
  await expect(walk).toHaveAttribute("data-state", "open");
  await expect(walk.getByTestId("quest-points")).toContainText("+20");
  await expect(walk.getByTestId("quest-progress")).toHaveText("0 of 1 today");
  await expect(walk.getByTestId("streak-current")).toHaveAttribute("data-count", "0");
  await expect(page.getByTestId("quests-balance")).toHaveText("0");

  // A second tab stays live; a third is cut off from the socket, so it still offers the check-in.
  const other = await context.newPage();
  await open(other, "/quests");
  await expect(other.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  const stale = await context.newPage();
  await stale.route("**/socket.io/**", (route) => route.abort());
  await open(stale, "/quests");
  await expect(card(stale, title)).toHaveAttribute("data-state", "open");

  // One tap: the card flips at once, then the points, the streak and a small celebration arrive.
  await walk.getByRole("button", { name: /^Check in/ }).click();
  await expect(walk).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("quest-toast-points")).toHaveText("+20 points");
  // The burst itself lasts a moment; the card says what it celebrated.
  await expect(walk).toHaveAttribute("data-celebrated", "first");
  await expect(page.getByTestId("quests-balance")).toHaveText("20");
  await expect(walk.getByTestId("streak-current")).toHaveText("1 day");
  await expect(walk.getByTestId("quest-progress")).toHaveText("1 of 1 today");
  await expect(walk.getByTestId("quest-done")).toContainText("Done · next check-in opens tomorrow at");

  // The other tab follows without a reload.
  await expect(other.getByTestId("quests-balance")).toHaveText("20");
  await expect(card(other, title)).toHaveAttribute("data-state", "done");
  await expect(card(other, title).getByTestId("streak-current")).toHaveText("1 day");

  // The stale tab's check-in is refused in plain words, and the card settles as done.
  const staleWalk = card(stale, title);
  await staleWalk.getByRole("button", { name: /^Check in/ }).click();
  await expect(staleWalk.getByTestId("quest-problem")).toContainText("You have already checked in today.");
  await expect(staleWalk.getByTestId("quest-problem")).toContainText("The next check-in opens tomorrow at");
  await expect(staleWalk).toHaveAttribute("data-state", "done");
  await expect(stale.getByTestId("quests-balance")).toHaveText("20");
  await stale.close();

  // Undo gives the day back and takes the points back, here and in the other tab.
  await walk.getByRole("button", { name: /^Undo/ }).click();
  await expect(page.getByTestId("quest-toast")).toContainText("Check-in undone.");
  await expect(walk).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("quests-balance")).toHaveText("0");
  await expect(walk.getByTestId("streak-current")).toHaveText("0 days");
  await expect(other.getByTestId("quests-balance")).toHaveText("0");
  await expect(card(other, title)).toHaveAttribute("data-state", "open");

  // The quest's own page keeps the history: the undone check-in, then a new one.
  await walk.getByRole("button", { name: /^Check in/ }).click();
  await expect(page.getByTestId("quests-balance")).toHaveText("20");
  await open(page, `/quests/${await walk.getAttribute("data-quest-id")}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("quest-rules")).toContainText("Once a day.");
  await expect(page.getByTestId("quest-streak")).toContainText("You earn a freeze for every 7 days of streak");
  const history = page.getByTestId("history-completion");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toHaveAttribute("data-state", "approved");
  await expect(history.last()).toHaveAttribute("data-state", "undone");
  await other.close();
});

test("a health habit asks for consent before the first check-in, and the member controls the data", async ({ page }) => {
  test.setTimeout(180_000);
  const title = `Blood pressure ${randomUUID().slice(0, 6)}`;
  await createQuest({
    kind: "habit",
    title,
    icon: "heart",
    basePoints: 10,
    cadence: "daily",
    evidence: "value",
    unit: "mmHg",
    health: true,
  });

  await signUp(page, "Giorgi Health");
  await open(page, "/quests");
  const bp = card(page, title);
  await bp.getByLabel("Value in mmHg").fill("120/80");
  await bp.getByRole("button", { name: /^Check in/ }).click();

  // Nothing is stored until the member agrees; "Not now" leaves the quest as it was.
  const dialog = page.getByRole("dialog", { name: "Keep a private health log?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Only you.");
  await dialog.getByRole("button", { name: "Not now" }).click();
  await expect(dialog).toBeHidden();
  await expect(bp).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("quests-balance")).toHaveText("0");

  await bp.getByRole("button", { name: /^Check in/ }).click();
  await dialog.getByRole("button", { name: "I agree" }).click();
  await expect(dialog).toBeHidden();
  await expect(bp).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("quest-toast-points")).toHaveText("+10 points");
  await expect(page.getByTestId("quests-balance")).toHaveText("10");

  // Only the member's own page shows the value.
  const questPage = `/quests/${await bp.getAttribute("data-quest-id")}`;
  await open(page, questPage);
  await expect(page.getByTestId("history-value").first()).toHaveText("Logged: 120/80 mmHg");

  // The privacy page: consent given, the browser's zone saved, data downloadable and erasable.
  await open(page, "/quests/privacy");
  await expect(page.getByTestId("consent-state")).toContainText("You agreed on");
  await expect(page.getByTestId("time-zone-current")).toHaveText("Current: Asia/Baku");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my habit data" }).click();
  expect((await download).suggestedFilename()).toMatch(/^sadiq-habits-demo-\d{4}-\d{2}-\d{2}\.json$/);
  await page.getByRole("button", { name: "Delete my habit data" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete your habit data?" });
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId("privacy-delete")).toContainText("Erased the data of 1 check-in.");
  await page.getByRole("button", { name: "Withdraw consent" }).click();
  await expect(page.getByTestId("consent-state")).toContainText("You have not agreed.");

  // The check-in stays (it paid the points), without its value.
  await open(page, questPage);
  await expect(page.getByTestId("history-completion")).toHaveCount(1);
  await expect(page.getByTestId("history-value")).toHaveCount(0);
});

test("the quests pages and the consent dialog have no axe violations", async ({ page }) => {
  // Five scans of long pages, each 10–20 s on two cores.
  test.setTimeout(300_000);
  const title = `Water ${randomUUID().slice(0, 6)}`;
  const questId = await createQuest({
    kind: "habit",
    title,
    icon: "water",
    basePoints: 5,
    cadence: "times_per_week",
    cadenceN: 3,
    evidence: "value",
    unit: "l",
    health: true,
  });
  await signUp(page, "Aysel Axe");
  await open(page, "/quests");
  await expect(card(page, title).getByTestId("quest-progress")).toHaveText("0 of 3 this week");
  await expectNoViolations(page, "/quests");
  await card(page, title)
    .getByRole("button", { name: /^Check in/ })
    .click();
  await expect(card(page, title).locator('[data-field-error="value"]')).toHaveText("Enter the value to check in.");
  await expectNoViolations(page, "/quests with a field error");
  await card(page, title).getByLabel("Value in l").fill("2");
  await card(page, title)
    .getByRole("button", { name: /^Check in/ })
    .click();
  await expect(page.getByRole("dialog", { name: "Keep a private health log?" })).toBeVisible();
  await expectNoViolations(page, "consent dialog");
  await open(page, `/quests/${questId}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectNoViolations(page, "quest page");
  await open(page, "/quests/privacy");
  await expectNoViolations(page, "/quests/privacy");
});

import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { ADMIN } from "./support/env";
import { expectNoViolations, field, open, signIn } from "./support/helpers";
import { expect, test } from "./support/test";

// The builder is meant for phones too: every step runs at the narrowest width we support, and in a
// time zone that is not the server's, since staff read and write times in their own.
test.use({ viewport: { width: 360, height: 780 }, timezoneId: "Asia/Baku" });

/** Nothing sticks out sideways at 360 px. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, label).toBeLessThanOrEqual(0);
}

test("an admin builds a 3-times-a-week habit, edits it with a live preview and archives it", async ({ page }) => {
  // Five pages loaded to idle plus two axe scans: well over the default minute on two busy cores.
  test.setTimeout(180_000);
  const title = `Morning walk ${randomUUID().slice(0, 6)}`;
  await signIn(page, ADMIN.email, ADMIN.password);

  // The staff navigation leads to the builder.
  await open(page, "/staff");
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Quests" }).click();
  await expect(page).toHaveURL(/\/staff\/quests$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quests");
  await page.waitForLoadState("networkidle");

  // Create: a habit done 3 times a week, 20 points each, at most 50 points a week per member.
  await page.getByRole("link", { name: "New quest" }).click();
  await expect(page).toHaveURL(/\/staff\/quests\/new$/);
  const form = page.getByTestId("quest-form");
  await expect(form).toBeVisible();
  const preview = page.getByTestId("quest-preview");
  await form.getByLabel("Kind").selectOption("habit");
  await field(page, "Title").fill(title);
  await form.getByLabel("Description").fill("Walk for at least 20 minutes before work.");
  await form
    .locator("label")
    .filter({ has: page.getByRole("radio", { name: "Runner" }) })
    .click();
  await expect(form.getByRole("radio", { name: "Runner" })).toBeChecked();
  await field(page, "Points per completion").fill("20");
  await form.getByLabel("How often", { exact: true }).selectOption("times_per_week");
  await field(page, "Times a week").fill("3");
  await field(page, "Most points a week").fill("50");

  // The preview follows the form before anything is saved.
  await expect(preview.getByTestId("preview-title")).toHaveText(title);
  await expect(preview.getByTestId("preview-cadence")).toHaveText("3 times a week");
  await expect(preview.getByTestId("preview-points")).toHaveText("+20 points");
  await expect(preview.getByTestId("preview-progress")).toHaveText("0 of 3");
  await expect(preview.locator('svg[data-icon="run"]')).toBeVisible();
  await expectNoSidewaysScroll(page, "new quest form");

  await page.getByRole("button", { name: "Create quest" }).click();

  // Listed, with its state, rhythm in plain words and points.
  await expect(page).toHaveURL(/\/staff\/quests\?created=[0-9a-f-]{36}$/);
  await expect(page.getByRole("status").filter({ hasText: `“${title}” was created.` })).toBeVisible();
  const item = page.getByTestId("staff-quest").filter({ hasText: title });
  await expect(item).toContainText("Active");
  await expect(item).toContainText("Habit");
  await expect(item.getByTestId("quest-cadence")).toHaveText("3 times a week");
  await expect(item.getByTestId("quest-points")).toHaveText("20 points");
  await expect(item).toContainText("0 points paid, no budget limit");
  await expectNoSidewaysScroll(page, "quest list");

  // Edit: the form shows what was saved, and the preview changes as the points change.
  await item.getByRole("link", { name: `Edit ${title}` }).click();
  await expect(page).toHaveURL(/\/staff\/quests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit quest");
  await expect(field(page, "Title")).toHaveValue(title);
  await expect(field(page, "Times a week")).toHaveValue("3");
  await expect(field(page, "Most points a week")).toHaveValue("50");
  await expect(preview.getByTestId("preview-points")).toHaveText("+20 points");
  await field(page, "Points per completion").fill("35");
  await expect(preview.getByTestId("preview-points")).toHaveText("+35 points");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Your changes to “${title}” were saved.` })).toBeVisible();

  // Its figures: nobody has done it yet.
  const stats = page.getByTestId("quest-stats");
  await expect(stats.getByTestId("stat-completions")).toHaveText("0");
  await expect(stats.getByTestId("stat-members")).toHaveText("0");
  await expect(stats.getByTestId("stat-rate")).toHaveText("0%");
  await expect(stats.getByTestId("stat-paid")).toHaveText("0 points, no budget limit");
  await expectNoSidewaysScroll(page, "edit quest");
  await expectNoViolations(page, "edit quest");

  // Archive, after confirming.
  await expect(page.getByTestId("quest-status")).toHaveText("Active");
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Archive this quest?" });
  await expect(dialog).toContainText(`Members will no longer see “${title}”`);
  await expectNoViolations(page, "archive dialog");
  await dialog.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `“${title}” was archived.` })).toBeVisible();
  await expect(page.getByTestId("quest-status")).toHaveText("Archived");
  await expect(page.getByRole("button", { name: "Restore", exact: true })).toBeVisible();

  // Gone from the current list; shown, archived and with the new points, on request.
  await open(page, "/staff/quests");
  await expect(page.getByTestId("staff-quest").filter({ hasText: title })).toHaveCount(0);
  await page.getByLabel("Show archived quests").check();
  const archived = page.getByTestId("staff-quest").filter({ hasText: title });
  await expect(archived).toContainText("Archived");
  await expect(archived.getByTestId("quest-points")).toHaveText("35 points");
});

test("the quest builder shows field errors and has no axe violations", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  await open(page, "/staff/quests");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quests");
  await expectNoViolations(page, "/staff/quests");

  await open(page, "/staff/quests/new");
  const form = page.getByTestId("quest-form");
  await expect(form).toBeVisible();
  await expectNoViolations(page, "/staff/quests/new");

  // Client-side checks with the API's own schema, each next to its field.
  await form.getByLabel("How often", { exact: true }).selectOption("every_n_days");
  await field(page, "Every how many days").fill("");
  await form.getByLabel("What members add when they check in").selectOption("value");
  await field(page, "Points per unit").fill("5");
  await page.getByRole("button", { name: "Create quest" }).click();
  await expect(form.getByRole("alert")).toHaveText("Please check the highlighted fields.");
  await expect(page.locator('[data-field-error="title"]')).toHaveText("Enter a title of at least 2 characters.");
  await expect(page.locator('[data-field-error="basePoints"]')).toHaveText("Enter a whole number of points from 1 to 100,000.");
  await expect(page.locator('[data-field-error="cadenceN"]')).toBeVisible();
  await expect(field(page, "Title")).toBeFocused();
  await expectNoViolations(page, "/staff/quests/new with errors");

  // A rule across fields: the end must come after the start.
  const title = `Hydrate ${randomUUID().slice(0, 6)}`;
  await field(page, "Title").fill(title);
  await field(page, "Points per completion").fill("10");
  await field(page, "Every how many days").fill("2");
  await field(page, "Unit").fill("glasses");
  await field(page, "Starts").fill("2031-05-10T09:00");
  await field(page, "Ends").fill("2031-05-01T09:00");
  await page.getByRole("button", { name: "Create quest" }).click();
  await expect(page.locator('[data-field-error="endsAt"]')).toHaveText("The end must come after the start.");
  await expect(field(page, "Ends")).toBeFocused();
  const preview = page.getByTestId("quest-preview");
  await expect(preview.getByTestId("preview-points")).toHaveText("+5 points per glasses");
  await expect(preview.getByTestId("preview-cadence")).toHaveText("Every 2 days");

  // Times are the staff member's own (Baku) in the inputs, the preview and after saving.
  await field(page, "Ends").fill("2031-05-20T21:30");
  await expect(preview.getByTestId("preview-window")).toHaveText(/^May 10, 2031, 9:00\sAM – May 20, 2031, 9:30\sPM$/);
  await page.getByRole("button", { name: "Create quest" }).click();
  const item = page.getByTestId("staff-quest").filter({ hasText: title });
  await expect(item).toContainText("Scheduled");
  await expect(item.getByTestId("quest-cadence")).toHaveText("Every 2 days");
  await item.getByRole("link", { name: `Edit ${title}` }).click();
  await expect(field(page, "Starts")).toHaveValue("2031-05-10T09:00");
  await expect(field(page, "Ends")).toHaveValue("2031-05-20T21:30");

  // Only habits carry health data; the switch goes away for other kinds.
  await expect(page.getByRole("switch", { name: "Values are health data" })).toBeVisible();
  await form.getByLabel("Kind").selectOption("share");
  await expect(page.getByRole("switch", { name: "Values are health data" })).toHaveCount(0);
  await expect(form.getByLabel("What members share")).toBeVisible();
  await expect(preview.getByTestId("preview-points")).toHaveText("+10 points");
});

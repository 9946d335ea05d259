import type { Page } from "@playwright/test";
import { mutate, query, registerMember, signedInClient } from "./support/api";
import { ADMIN } from "./support/env";
import { expectNoViolations, field, open, signIn, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

const brandSlug = "demo";
const PATH = "/staff/leaderboards";

interface LeagueSettings {
  cohortSize: number;
  promote: number;
  demote: number;
  prizes: number[];
  divisions: string[];
}

async function openAsAdmin(page: Page) {
  await signIn(page, ADMIN.email, ADMIN.password);
  await open(page, PATH);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leaderboards and leagues");
}

test("an admin leaves a member out of the boards with a reason, and includes them again", async ({ page }) => {
  test.setTimeout(90_000);
  const member = await registerMember("Board Skipper");
  const me = () => query<{ excluded: boolean }>(member.api, "leaderboards.me", { brandSlug, board: "points", period: "all" });
  expect((await me()).excluded).toBe(false);

  await signIn(page, ADMIN.email, ADMIN.password);
  await open(page, "/staff");
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Leaderboards" }).click();
  await expect(page).toHaveURL(/\/staff\/leaderboards$/);
  await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Leaderboards" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByTestId("board-rules")).toContainText(
    "A higher score ranks first. When two members have the same score, whoever reached it first ranks higher.",
  );
  // The demo brand's own zone (Asia/Baku when seeded; whatever the database holds otherwise).
  const { timeZone } = await query<{ timeZone: string }>(member.api, "brands.get", { slug: brandSlug });
  await expect(page.getByTestId("board-rules")).toContainText(`Prizes are paid once, at the weekly reset: Monday 00:00 in ${timeZone}.`);

  const form = page.getByTestId("exclude-form");
  const submit = form.getByRole("button", { name: "Exclude from leaderboards" });

  // A reason under 3 characters is refused next to its field, before anything is sent.
  await form.getByLabel("Member’s handle").fill(`@${member.handle}`);
  await form.getByLabel("Reason").fill("no");
  await submit.click();
  await expect(form.locator('[data-field-error="reason"]')).toHaveText("Write a reason of at least 3 characters.");
  await expect(form.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");

  // The server's answer for a handle nobody has lands on the handle field.
  await form.getByLabel("Member’s handle").fill("nobody_has_this_handle_42");
  await form.getByLabel("Reason").fill("Shared one account between three people");
  await submit.click();
  await expect(form.locator('[data-field-error="handle"]')).toHaveText("No member of this community has that handle.");
  await expect(form.locator('[data-field-error="reason"]')).toHaveCount(0);

  await form.getByLabel("Member’s handle").fill(`@${member.handle}`);
  await submit.click();
  await expect(page.getByRole("status").filter({ hasText: `@${member.handle} is now left out of every leaderboard` })).toBeVisible();
  await expect(form.getByLabel("Member’s handle")).toHaveValue("");
  const row = page.getByTestId("exclusion").filter({ has: page.getByText(`@${member.handle}`, { exact: true }) });
  await expect(row.getByTestId("exclusion-reason")).toHaveText("Shared one account between three people");
  expect((await me()).excluded).toBe(true);

  // Still there after a reload: the list comes from the server.
  await open(page, PATH);
  await expect(row).toHaveCount(1);

  // Including them again asks for a reason as well.
  await row.getByRole("button", { name: `Include again @${member.handle}` }).click();
  const dialog = page.getByRole("dialog", { name: `Include @${member.handle} again?` });
  await dialog.getByRole("button", { name: "Include again", exact: true }).click();
  await expect(dialog.locator('[data-field-error="reason"]')).toHaveText("Write a reason of at least 3 characters.");
  await dialog.getByLabel("Why are you including them again?").fill("They made separate accounts");
  await dialog.getByRole("button", { name: "Include again", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `@${member.handle} is back on the leaderboards.` })).toBeVisible();
  await expect(row).toHaveCount(0);
  expect((await me()).excluded).toBe(false);
});

test("an admin recomputes the points board from the ledger and sees the result", async ({ page }) => {
  const member = await registerMember("Recount Member");
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const award = await mutate(admin, "points.award", {
    brandSlug,
    handle: member.handle,
    amount: 35,
    reason: "Tasting evening",
    idempotencyKey: `recount-${member.handle}`,
  });
  expect(award.status).toBe(200);
  await admin.dispose();

  await openAsAdmin(page);
  const points = page.getByTestId("recompute-points");
  await expect(points.getByRole("heading", { name: "Points" })).toBeVisible();
  await points.getByRole("button", { name: "Recompute from the ledger (Points)" }).click();
  const result = page.getByTestId("recompute-result-points");
  await expect(result).toHaveText(
    /^\d+ rows?, \d+ corrected\. (The board was already exact\.|The corrected rows now match the records\.)$/,
  );
  const rows = Number((await result.textContent())?.match(/^(\d+)/)?.[1]);
  expect(rows).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("recompute-result-reviews")).toBeEmpty();

  // The rebuilt board still holds what the ledger says.
  const me = await query<{ points: number; rank: number | null }>(member.api, "leaderboards.me", {
    brandSlug,
    board: "points",
    period: "all",
  });
  expect(me.points).toBe(35);
  expect(me.rank).not.toBeNull();
});

test("league settings are checked, saved, and shown again after a reload", async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const before = await query<LeagueSettings>(admin, "leagues.settings", { brandSlug });
  expect(before.prizes.length).toBeLessThan(Math.min(10, before.cohortSize));
  try {
    await openAsAdmin(page);
    const form = page.getByTestId("league-form");
    await expect(field(page, "Cohort size")).toHaveValue(String(before.cohortSize));
    await expect(form.getByTestId("prizes").locator("input")).toHaveCount(before.prizes.length);
    await expect(form.getByTestId("divisions").locator("input")).toHaveCount(before.divisions.length);
    await expect(field(page, `Division 1 (lowest)`)).toHaveValue(before.divisions[0] ?? "");

    // More promoted and demoted places than a cohort holds.
    await field(page, "Promoted each week").fill(String(before.cohortSize));
    await field(page, "Demoted each week").fill("1");
    await form.getByRole("button", { name: "Save league settings" }).click();
    await expect(form.locator('[data-field-error="promote"]')).toHaveText(
      "Promoted and demoted places together cannot be more than the cohort size.",
    );
    await expect(form.getByRole("alert")).toHaveText("Please check the highlighted fields.");
    expect(await query<LeagueSettings>(admin, "leagues.settings", { brandSlug })).toEqual(before);

    // A valid change: one more prize.
    const place = before.prizes.length + 1;
    await field(page, "Promoted each week").fill(String(before.promote));
    await field(page, "Demoted each week").fill(String(before.demote));
    await form.getByRole("button", { name: "Add a prize" }).click();
    await field(page, `Place ${place}`).fill("7");
    await form.getByRole("button", { name: "Save league settings" }).click();
    await expect(form.getByRole("status")).toHaveText("League settings saved.");
    await expect(form.locator("[data-field-error]")).toHaveCount(0);

    await open(page, PATH);
    await expect(field(page, `Place ${place}`)).toHaveValue("7");
    await expect(field(page, "Promoted each week")).toHaveValue(String(before.promote));
    await expect(field(page, "Demoted each week")).toHaveValue(String(before.demote));
    expect(await query<LeagueSettings>(admin, "leagues.settings", { brandSlug })).toEqual({ ...before, prizes: [...before.prizes, 7] });
  } finally {
    // Other specs play leagues on the same brand: leave it as it was.
    const restored = await mutate(admin, "leagues.configure", { brandSlug, ...before });
    expect(restored.status).toBe(200);
    await admin.dispose();
  }
});

test("a member gets the same refusal as on other staff pages", async ({ page }) => {
  await signUp(page, "Curious Climber");
  await open(page, PATH);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  await expect(page.getByTestId("not-allowed")).toHaveText("Only moderators and admins of this community can open this page.");
  await expect(page.getByTestId("exclude-form")).toHaveCount(0);
  await expect(page.getByTestId("league-form")).toHaveCount(0);
});

test("the leaderboards staff page fits 360 px and has no axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 780 });
  await openAsAdmin(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoViolations(page, PATH);

  // Both forms showing their errors.
  await page.getByTestId("exclude-form").getByRole("button", { name: "Exclude from leaderboards" }).click();
  await expect(page.locator('[data-field-error="handle"]')).toHaveText("Enter the member’s handle.");
  await expect(page.locator('[data-field-error="reason"]')).toBeVisible();
  const form = page.getByTestId("league-form");
  await field(page, "Cohort size").fill("1");
  await form.getByRole("button", { name: "Add a division at the top" }).click();
  await form.getByRole("button", { name: "Save league settings" }).click();
  await expect(form.locator('[data-field-error="cohortSize"]')).toHaveText("Enter a whole number from 2 to 100.");
  await expect(form.locator("[data-field-error^='divisions']")).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoViolations(page, `${PATH} with errors`);
});

import { randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { ADMIN, BASE_URL } from "./support/env";
import { expectNoViolations, field, open, signIn, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

/** A second browser (the member) with its own client address, like the `context` fixture gives the first. */
async function secondBrowser(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 360, height: 780 }, locale: "en-US" });
  const octet = () => 1 + Math.floor(Math.random() * 250);
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.65.${octet()}.${octet()}` });
  return context;
}

test("staff award points live, the member redeems a reward and staff fulfil it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `Flat white ${randomUUID().slice(0, 6)}`;

  // The member signs up in a second browser and keeps /points open.
  const memberContext = await secondBrowser(browser);
  const member = await memberContext.newPage();
  await signUp(member, "Leyla Points");
  const handle = ((await member.getByTestId("handle").first().textContent()) ?? "").replace(/^@/, "");
  expect(handle).not.toBe("");
  await open(member, "/points");
  await expect(member.getByTestId("balance-available")).toHaveText("0");
  await expect(member.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live");

  // The admin creates a reward.
  await signIn(page, ADMIN.email, ADMIN.password);
  await open(page, "/staff/rewards");
  await page.getByRole("button", { name: "New reward" }).click();
  const form = page.getByTestId("reward-form");
  await field(page, "Title").fill(title);
  await form.getByLabel("Description").fill("Any size, any milk.");
  await field(page, "Cost in points").fill("100");
  await form.getByRole("button", { name: "Create reward" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${title} was created.` })).toBeVisible();
  await expect(page.getByTestId("staff-reward").filter({ hasText: title })).toContainText("Active");

  // The admin awards the member points.
  await open(page, "/staff/points");
  const award = page.getByTestId("award-tool");
  await award.getByLabel("Member’s handle").fill(`@${handle}`);
  await award.getByLabel("Points", { exact: true }).fill("250");
  await award.getByLabel("Reason").fill("Workshop attended");
  await award.getByRole("button", { name: "Award points" }).click();
  await expect(page.getByTestId("award-outcome")).toContainText(`@${handle} received 250 points.`);
  await expect(page.getByTestId("award-before")).toHaveText("0");
  await expect(page.getByTestId("award-after")).toHaveText("250");

  // The member's open page changes without a reload.
  await expect(member.getByTestId("balance-available")).toHaveText("250");
  await expect(member.getByTestId("points-toast")).toContainText("+250 points: Workshop attended");
  await expect(member.getByTestId("history-item").first()).toContainText("Workshop attended");
  await expect(member.getByTestId("balance-lifetime")).toHaveText("250");

  // The member redeems the reward and gets a voucher.
  await open(member, "/rewards");
  await member.getByTestId("reward-card").filter({ hasText: title }).getByRole("button", { name: "Redeem" }).click();
  const dialog = member.getByRole("dialog", { name: "Redeem this reward?" });
  await expect(dialog).toContainText(`Spend 100 points on ${title}?`);
  await expect(dialog).toContainText("You will have 150 points left.");
  await dialog.getByRole("button", { name: "Spend points" }).click();
  const code = member.getByTestId("voucher-code");
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const voucher = (await code.textContent()) ?? "";
  await expect(member.getByTestId("rewards-balance")).toHaveText("150 points");
  await expect(member.getByTestId("my-reward").filter({ hasText: voucher })).toContainText("Ready to collect");

  // The admin finds it in the fulfilment queue and hands it over.
  await open(page, "/staff/fulfilment");
  const item = page.getByTestId("queue-item").filter({ hasText: voucher });
  await expect(item).toContainText(title);
  await expect(item).toContainText(`@${handle}`);
  await item.getByRole("button", { name: "Mark as handed over" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Voucher ${voucher} was marked as handed over.` })).toBeVisible();
  await expect(page.getByTestId("queue-item").filter({ hasText: voucher })).toHaveCount(0);

  await open(member, "/rewards");
  await expect(member.getByTestId("my-reward").filter({ hasText: voucher })).toContainText("Collected");
  await memberContext.close();
});

// One test per page, so the scans run on both workers and a slow page cannot use up another's time.
for (const path of [
  "/points",
  "/rewards",
  "/staff",
  "/staff/rewards",
  "/staff/fulfilment",
  "/staff/tiers",
  "/staff/points",
  "/staff/audit",
]) {
  test(`${path} has no axe violations`, async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await open(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page, path);
  });
}

test("the reward form and the donate form show their errors without axe violations", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  // Forms showing their errors and an open dialog.
  await open(page, "/staff/rewards");
  await page.getByRole("button", { name: "New reward" }).click();
  await page.getByTestId("reward-form").getByRole("button", { name: "Create reward" }).click();
  await expect(page.locator('[data-field-error="title"]')).toBeVisible();
  await expectNoViolations(page, "/staff/rewards with errors");

  await open(page, "/points");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator('[data-field-error="amount"]')).toBeVisible();
  await expectNoViolations(page, "/points donate form with errors");
});

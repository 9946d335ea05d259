import type { Browser, Page } from "@playwright/test";
import { key, mutate, signedInClient } from "./support/api";
import { ADMIN, BASE_URL } from "./support/env";
import { expectNoViolations, open, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

const THIS_WEEK = "/leaderboards?board=points&period=week";

/** A second member's browser with its own client address, as the `context` fixture gives the first. */
async function secondBrowser(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 360, height: 780 }, locale: "en-US" });
  const octet = () => 1 + Math.floor(Math.random() * 250);
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.66.${octet()}.${octet()}` });
  return context;
}

async function handleOf(page: Page): Promise<string> {
  const handle = ((await page.getByTestId("handle").first().textContent()) ?? "").replace(/^@/, "");
  expect(handle).not.toBe("");
  return handle;
}

/** Staff award points through the API, as `/staff/points` does. */
async function award(handle: string, amount: number) {
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const res = await mutate(admin, "points.award", { brandSlug: "demo", handle, amount, reason: "Leaderboard e2e", idempotencyKey: key() });
  await admin.dispose();
  expect(res.status, JSON.stringify(res.error)).toBe(200);
}

/** Opens this week's points board and waits until the socket has delivered its first frame. */
async function openBoard(page: Page) {
  await open(page, THIS_WEEK);
  await expect(page.getByRole("heading", { level: 1, name: "Leaderboards" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.getByTestId("board-list")).toHaveAttribute("data-live", "true");
}

/** A member's row anywhere on the board (top list or around-me); both carry the same rank. */
const rowOf = (page: Page, handle: string) => page.locator(`li[data-handle="${handle}"]`).first();
const rankOf = async (page: Page, handle: string) => Number(await rowOf(page, handle).getAttribute("data-rank"));

test("a member passes another live: rows move, both get a toast, no reload", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUp(page, "Aysel Board");
  const a = await handleOf(page);
  const otherContext = await secondBrowser(browser);
  const other = await otherContext.newPage();
  await signUp(other, "Bahram Board");
  const b = await handleOf(other);

  // A leads B before either page opens. Big numbers keep both at the top beside other tests' members.
  await award(a, 500_000);
  await award(b, 400_000);
  await openBoard(page);
  await openBoard(other);
  await expect(rowOf(page, b)).toBeVisible();
  const aBefore = await rankOf(page, a);
  const bBefore = await rankOf(page, b);
  expect(bBefore).toBeGreaterThan(aBefore);
  await expect(page.getByTestId("my-place")).toHaveAttribute("data-rank", String(aBefore));
  const seqBefore = Number(await page.getByTestId("board-list").getAttribute("data-seq"));

  // Staff award B enough to pass A (the tier multiplier only adds to it).
  await award(b, 150_000);

  // A's page, without a reload: B's row now stands above A's, and A hears who passed them.
  await expect.poll(async () => (await rankOf(page, b)) < (await rankOf(page, a)), { timeout: 15_000 }).toBe(true);
  await expect(page.getByTestId("rank-toast")).toContainText(`@${b} passed you`);
  await expect(page.getByTestId("rank-toast")).toContainText(/You moved down \d+ place/);
  await expect(page.getByTestId("my-place")).not.toHaveAttribute("data-rank", String(aBefore));
  expect(Number(await page.getByTestId("board-list").getAttribute("data-seq"))).toBeGreaterThan(seqBefore);
  // The row whose score changed glows for a moment.
  await expect(page.locator(`[data-testid="board-list"] li[data-handle="${b}"]`)).toHaveAttribute("data-flash", /\d+/);

  // B's page moved too, and B is told they climbed.
  await expect(other.getByTestId("rank-toast")).toContainText(/You moved up \d+ place/);
  await expect.poll(async () => (await rankOf(other, b)) < (await rankOf(other, a)), { timeout: 15_000 }).toBe(true);
  await expect(other.locator('li[data-me="true"]').first()).toHaveAttribute("data-handle", b);

  // A reload agrees with what the frames built.
  await openBoard(page);
  expect(await rankOf(page, b)).toBeLessThan(await rankOf(page, a));
  await otherContext.close();
});

test("private mode hides a member from others, who skip them, while they still see their own place", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUp(page, "Pərvin Private");
  const a = await handleOf(page);
  const otherContext = await secondBrowser(browser);
  const other = await otherContext.newPage();
  await signUp(other, "Nurlan Public");
  const b = await handleOf(other);
  await award(a, 300_000);
  await award(b, 200_000);

  await openBoard(page);
  await openBoard(other);
  await expect(rowOf(other, a)).toBeVisible();
  const aRank = await rankOf(other, a);
  const bRank = await rankOf(other, b);
  expect(bRank).toBeGreaterThan(aRank);

  // A turns private mode on; the switch explains itself in plain words.
  const privacy = page.getByTestId("privacy");
  await expect(privacy).toContainText("other members do not see your name or your score on any leaderboard");
  await privacy.getByText("Hide me from leaderboards").click();
  await expect(privacy.getByRole("switch", { name: "Hide me from leaderboards" })).toBeChecked();
  await expect(page.getByTestId("privacy-state")).toHaveText("You are now hidden from other members.");

  // B's open page drops A live, and the places behind A close up.
  await expect(other.locator(`li[data-handle="${a}"]`)).toHaveCount(0, { timeout: 15_000 });
  // B's place now counts only the visible members ahead of them. (Another test awards members at the same
  // time, so B's place before and after cannot simply be compared.)
  await expect
    .poll(
      async () => {
        const rows = await other
          .getByTestId("board-list")
          .locator("li[data-handle]")
          .evaluateAll((els) =>
            els.map((e) => ({ handle: e.dataset.handle, points: Number(e.dataset.points), rank: Number(e.dataset.rank) })),
          );
        const mine = rows.find((r) => r.handle === b);
        if (!mine) return "B is not in the top list";
        const ahead = rows.filter((r) => r.points > mine.points).length;
        return mine.rank === ahead + 1 ? "closed up" : `B at ${mine.rank} with ${ahead} ahead`;
      },
      { timeout: 15_000 },
    )
    .toBe("closed up");

  // A still sees their own place, marked as seen by them alone.
  const mine = page.getByTestId("my-place");
  await expect(mine).toHaveAttribute("data-hidden", "true");
  await expect(mine).toHaveAttribute("data-rank", /^\d+$/);
  await expect(page.getByTestId("my-rank")).toContainText(/Place \d+ of \d+/);
  await expect(page.getByTestId("my-note")).toContainText("Private mode is on");
  await expect(page.getByTestId("my-hidden-row")).toHaveAttribute("data-rank", /^\d+$/);
  await expect(page.locator(`[data-testid="board-list"] li[data-handle="${a}"]`)).toHaveCount(0);

  // After a reload too.
  await openBoard(other);
  await expect(other.locator(`li[data-handle="${a}"]`)).toHaveCount(0);
  await openBoard(page);
  await expect(page.getByRole("switch", { name: "Hide me from leaderboards" })).toBeChecked();
  await expect(page.getByTestId("my-place")).toHaveAttribute("data-hidden", "true");
  await expect(page.getByTestId("my-rank")).toContainText(/Place \d+ of \d+/);
  await otherContext.close();
});

test("leagues: placed with the week's first points, cohort with zones, leave and join again", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Lalə League");
  const me = await handleOf(page);
  await open(page, "/leagues");
  await expect(page.getByRole("heading", { level: 1, name: "Leagues" })).toBeVisible();
  await expect(page.getByTestId("league-empty")).toContainText("Earn points this week to be placed in a league");
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  // The first points of the week place the member; the open page follows without a reload.
  await award(me, 1_000_000);
  const cohort = page.getByTestId("cohort");
  await expect(cohort).toBeVisible({ timeout: 15_000 });
  const myRow = cohort.locator('tr[data-me="true"]');
  await expect(myRow).toContainText(`@${me}`);
  await expect(myRow).toContainText("You");
  await expect(myRow).toHaveAttribute("data-zone", "promote");
  await expect(page.getByTestId("zone-promote")).toHaveText("Promotion zone: the top 7 move up to Silver");
  await expect(page.getByTestId("division-name")).toHaveText("Bronze league");
  await expect(page.getByTestId("divisions").locator('[aria-current="step"]')).toContainText("Bronze");
  await expect(page.getByTestId("league-countdown")).toContainText(/The week resets in .*\d/);
  await expect(page.getByTestId("league-prizes")).toContainText("1st: 100 points");
  await expect(page.getByTestId("league-prizes")).toContainText("3rd: 25 points");
  await expect(page.getByTestId("league-rules")).toContainText("Bronze is the first division: nobody moves down from it.");

  // Leave, after a confirmation.
  await page.getByTestId("leave-leagues").click();
  const dialog = page.getByRole("dialog", { name: "Leave leagues?" });
  await expect(dialog).toContainText("get no prize this week");
  await dialog.getByRole("button", { name: "Leave leagues" }).click();
  await expect(page.getByTestId("league-out")).toContainText("You are not taking part in leagues");
  await expect(page.getByTestId("cohort")).toHaveCount(0);
  await expect(page.getByTestId("league-done")).toHaveText("You have left leagues.");

  // Join again: with points this week, the member is placed at once.
  await page.getByTestId("join-leagues").click();
  await page.getByRole("dialog", { name: "Join leagues?" }).getByRole("button", { name: "Join leagues" }).click();
  await expect(page.getByTestId("cohort").locator('tr[data-me="true"]')).toContainText(`@${me}`);
  await expect(page.getByTestId("league")).toHaveAttribute("data-joined", "true");
  await open(page, "/leagues");
  await expect(page.getByTestId("cohort").locator('tr[data-me="true"]')).toBeVisible();
});

test("leaderboards and leagues have no axe violations and fit a 360 px screen", async ({ page }) => {
  // Each axe scan takes tens of seconds on a busy two-core machine.
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 360, height: 780 });
  await signUp(page, "Giorgi Axe");
  const me = await handleOf(page);
  await award(me, 120_000);

  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  await openBoard(page);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Leaderboards" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByTestId("board-ends")).toContainText(/This week ends in .*\d/);
  expect(await fits(), "/leaderboards overflows at 360 px").toBe(true);
  // On a phone "my place" is pinned to the bottom of the screen and opens to show the neighbours.
  const mine = page.getByTestId("my-place");
  const box = await mine.boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(780 + 1);
  await mine.getByRole("button", { name: "Show places around me" }).click();
  await expect(page.getByTestId("around-me")).toBeVisible();
  expect(await fits(), "/leaderboards with places around me overflows at 360 px").toBe(true);
  await expectNoViolations(page, "/leaderboards");

  for (const path of ["/leaderboards?board=streak&period=all", "/leaderboards?board=reviews&period=month"]) {
    await open(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await fits(), `${path} overflows at 360 px`).toBe(true);
  }
  // The streak board has no weekly period: the address falls back to all time.
  await open(page, "/leaderboards?board=streak&period=week");
  await expect(page.getByTestId("period-all")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("period-week")).toHaveCount(0);

  await open(page, "/leagues");
  await expect(page.getByTestId("cohort")).toBeVisible();
  expect(await fits(), "/leagues overflows at 360 px").toBe(true);
  await expectNoViolations(page, "/leagues");
  await page.getByTestId("leave-leagues").click();
  await expect(page.getByRole("dialog", { name: "Leave leagues?" })).toBeVisible();
  await expectNoViolations(page, "/leagues leave dialog");
});

import { randomUUID } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { key, mutate, registerMember } from "./support/api";
import { ADMIN, BASE_URL, SMTP_HTTP } from "./support/env";
import { expectNoViolations, field, open, signIn, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

const brandSlug = "demo";

/** Another person's browser with its own client address, as the `context` fixture gives the first. */
async function secondBrowser(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 360, height: 780 }, locale: "en-US" });
  const octet = () => 1 + Math.floor(Math.random() * 250);
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.67.${octet()}.${octet()}` });
  return context;
}

/** Posts an idea through the API, as the form does; returns its id. */
async function postIdea(api: APIRequestContext, title: string, body = "", tags: string[] = []): Promise<string> {
  const res = await mutate(api, "ideas.create", { brandSlug, title, body, tags, locale: "en", idempotencyKey: key() });
  expect(res.status, JSON.stringify(res.error)).toBe(200);
  const created = res.data as { id: string; state: string };
  expect(created.state).toBe("published");
  return created.id;
}

/** Opens an idea page and waits until its socket is live, so later events reach it. */
async function openIdea(page: Page, ideaId: string) {
  await open(page, `/ideas/${ideaId}`);
  await expect(page.getByTestId("idea")).toHaveAttribute("data-idea-id", ideaId);
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
}

/** A formatted number as the page shows it ("1,234"). */
const shownNumber = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).textContent()) ?? "").replace(/[^\d]/g, ""));

const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("a member posts an idea, another votes and both of the author's pages follow live; staff ship it and the author is paid", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const suffix = randomUUID().slice(0, 8);
  const title = `Refill station for bottles ${suffix}`;

  // The author writes the idea in the form, with Markdown and a tag, and lands on its page.
  await signUp(page, "Aygün Ideas");
  await open(page, "/ideas/new");
  await field(page, "Title").fill(title);
  await expect(page.getByTestId("title-counter")).toHaveText(`${title.length} / 120`);
  await page
    .getByLabel("Describe your idea", { exact: true })
    .fill("Let us **refill** our own bottles in every shop.\n\n- less plastic\n- cheaper water");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("body-preview").locator("strong")).toHaveText("refill");
  await page.getByRole("button", { name: "Write" }).click();
  await field(page, "Tags (optional)").fill("water,");
  await expect(page.getByRole("list", { name: "Chosen tags" })).toContainText("#water");
  await page.getByTestId("idea-form").getByRole("button", { name: "Post idea" }).click();
  await expect(page).toHaveURL(/\/ideas\/[0-9a-f-]{36}$/);
  const ideaId = page.url().split("/").at(-1) ?? "";
  await expect(page.getByTestId("idea-title")).toHaveText(title);
  await expect(page.getByTestId("idea-body").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("idea-status")).toHaveAttribute("data-status", "open");
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.getByTestId("vote-count")).toHaveText("0");
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  // The author also has the list open, newest first, in a second tab.
  const list = await page.context().newPage();
  await open(list, "/ideas?sort=newest");
  const row = list.locator(`[data-testid="idea-row"][data-idea-id="${ideaId}"]`);
  await expect(row.getByTestId("vote-count")).toHaveText("0");
  await expect(list.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  // A second member opens the idea and votes for it.
  const otherContext = await secondBrowser(browser);
  const other = await otherContext.newPage();
  const voterEmail = await signUp(other, "Bəxtiyar Voter");
  await openIdea(other, ideaId);
  const vote = other.getByTestId("vote-button");
  await expect(vote).toHaveAttribute("aria-pressed", "false");
  await vote.click();
  await expect(vote).toHaveAttribute("aria-pressed", "true");
  await expect(other.getByTestId("vote-count")).toHaveText("1");

  // Both of the author's pages move without a reload.
  await expect(page.getByTestId("vote-count")).toHaveText("1", { timeout: 15_000 });
  await expect(row.getByTestId("vote-count")).toHaveText("1", { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // Toggling the vote off counts down for everyone, and on again.
  await vote.click();
  await expect(vote).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("vote-count")).toHaveText("0", { timeout: 15_000 });
  await vote.click();
  await expect(page.getByTestId("vote-count")).toHaveText("1", { timeout: 15_000 });

  // The author watches their points on /points while staff ship the idea.
  const points = list;
  await open(points, "/points");
  await expect(points.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  const before = await shownNumber(points, "balance-available");

  const adminContext = await secondBrowser(browser);
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await openIdea(admin, ideaId);
  const panel = admin.getByTestId("staff-panel");
  await panel.getByLabel("New status", { exact: true }).selectOption("shipped");
  await panel.getByLabel("Note (optional)", { exact: true }).fill("In every shop from Monday.");
  await panel.getByRole("button", { name: "Change status" }).click();
  await expect(admin.getByTestId("staff-news")).toContainText("Status changed to Shipped");
  // Shipping straight from open pays every stage once: approval, planning and shipping.
  await expect(admin.getByTestId("staff-news")).toContainText("Shipped: paid");
  await expect(admin.getByTestId("idea-status")).toHaveAttribute("data-status", "shipped");

  // The author's open pages follow: the idea reads shipped with the note, and the points arrive.
  await expect(page.getByTestId("idea-status")).toHaveAttribute("data-status", "shipped", { timeout: 15_000 });
  await expect(page.getByTestId("status-note")).toContainText("In every shop from Monday.");
  await expect(page.getByTestId("history-item").filter({ hasText: "→ Shipped" })).toHaveCount(1);
  await expect(page.getByTestId("points-toast")).toContainText("points", { timeout: 15_000 });
  await expect
    .poll(async () => Number(await points.getByTestId("balance-available").textContent()), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(before + 135);

  // The voter hears about it in the bell, and the idea is on the public roadmap.
  await expect(other.getByTestId("notification-bell")).not.toHaveAttribute("data-unread", "0", { timeout: 15_000 });
  await open(other, "/notifications");
  await expect(other.getByTestId("notification").first()).toContainText(`“${title}” moved to Shipped`);
  await other.getByTestId("mark-all-read").click();
  await expect(other.getByTestId("unread-count")).toHaveText("All read");
  const anonymous = await browser.newContext({ baseURL: BASE_URL, locale: "en-US" });
  const visitor = await anonymous.newPage();
  await open(visitor, "/roadmap?brand=demo");
  await expect(visitor.getByTestId("roadmap-shipped").getByRole("link", { name: title })).toBeVisible();
  await anonymous.close();

  // With SMTP configured, the voter also gets the change by e-mail (the notice job runs every 20 s).
  await expect
    .poll(
      async () => {
        const res = await fetch(`${SMTP_HTTP}/messages?to=${encodeURIComponent(voterEmail)}`);
        const mails = (await res.json()) as { raw: string }[];
        return mails.some((m) => m.raw.replace(/=\r?\n/g, "").includes(`Idea update: ${title}`));
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
  await adminContext.close();
  await otherContext.close();
});

test("idea and comment bodies cannot run script, whatever Markdown they carry", async ({ page }) => {
  test.setTimeout(120_000);
  const payload = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "[click](javascript:window.__xss=1)",
    '<svg onload="window.__xss=1">',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[a real link](https://example.com/ok)",
  ].join("\n\n");
  const author = await registerMember("Xss Author");
  const ideaId = await postIdea(author.api, `Payloads ${randomUUID().slice(0, 8)}`, payload);
  const comment = await mutate(author.api, "ideas.comment", { brandSlug, ideaId, body: payload, idempotencyKey: key() });
  expect(comment.status, JSON.stringify(comment.error)).toBe(200);

  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signUp(page, "Xss Reader");
  await openIdea(page, ideaId);
  const bodies = page.locator('[data-testid="idea-body"], [data-testid="comment-body"]');
  await expect(bodies).toHaveCount(2);
  const click = page.getByTestId("idea-body").getByText("click", { exact: true });
  if (await click.count()) await click.first().click();
  const x = page.getByTestId("idea-body").getByText("x", { exact: true });
  if (await x.count())
    await x
      .first()
      .click({ noWaitAfter: true })
      .catch(() => undefined);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  for (const body of await bodies.all()) {
    await expect(body.locator("script, img, svg, iframe")).toHaveCount(0);
    for (const a of await body.locator("a").all()) {
      expect(await a.getAttribute("rel")).toEqual(expect.stringMatching(/(?=.*\bnofollow\b)(?=.*\bugc\b)(?=.*\bnoopener\b)/));
      const href = await a.getAttribute("href");
      if (href !== null) expect(href).toMatch(/^https?:\/\//);
    }
    const handlers = await body.evaluate((el) =>
      [...el.querySelectorAll("*")].flatMap((n) => [...n.attributes].map((attr) => attr.name)).filter((name) => name.startsWith("on")),
    );
    expect(handlers).toEqual([]);
  }
  await expect(page.getByTestId("idea-body").getByRole("link", { name: "a real link" })).toHaveAttribute("href", "https://example.com/ok");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("similar ideas are suggested while typing a title", async ({ page }) => {
  test.setTimeout(120_000);
  const word = `zorbulax${randomUUID().slice(0, 6).replace(/\d/g, "q")}`;
  const author = await registerMember("Similar Author");
  const title = `Longer opening hours ${word} weekend`;
  await postIdea(author.api, title);

  await signUp(page, "Similar Typist");
  await open(page, "/ideas/new");
  await field(page, "Title").pressSequentially(`Opening hours ${word}`, { delay: 20 });
  const similar = page.getByTestId("similar-ideas");
  await expect(similar.getByRole("heading", { name: "Is your idea already here?" })).toBeVisible({ timeout: 15_000 });
  await expect(similar.getByTestId("similar-idea").filter({ hasText: title })).toContainText("0 votes");
  await field(page, "Title").fill("ab");
  await expect(similar.getByTestId("similar-idea")).toHaveCount(0);
});

test("the idea pages have no axe violations and fit a 360 px screen", async ({ page, browser }) => {
  // Each axe scan takes tens of seconds on a busy two-core machine.
  test.setTimeout(360_000);
  await page.setViewportSize({ width: 360, height: 780 });
  const author = await registerMember("Axe Ideas Author");
  const ideaId = await postIdea(
    author.api,
    `A very long idea title that keeps going to test wrapping on phones ${randomUUID().slice(0, 8)}`,
    "Some **body** text with a [link](https://example.com/a-very-long-address-that-should-wrap-on-small-screens-without-overflow).",
    ["accessibility", "phones"],
  );
  const reply = await mutate(author.api, "ideas.comment", { brandSlug, ideaId, body: "A first comment.", idempotencyKey: key() });
  expect(reply.status, JSON.stringify(reply.error)).toBe(200);

  await signUp(page, "Axe Ideas Reader");
  for (const path of ["/ideas", "/ideas/new", `/ideas/${ideaId}`, "/roadmap", "/notifications"]) {
    await open(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await fits(page), `${path} overflows at 360 px`).toBe(true);
    await expectNoViolations(page, path);
  }
  await open(page, `/ideas/${ideaId}`);
  await page.getByTestId("flag-idea").click();
  await expect(page.getByRole("dialog", { name: "Report this idea" })).toBeVisible();
  await expectNoViolations(page, "flag dialog");

  const adminContext = await secondBrowser(browser);
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  for (const path of ["/staff/ideas", `/ideas/${ideaId}`]) {
    await open(admin, path);
    await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await fits(admin), `${path} (staff) overflows at 360 px`).toBe(true);
    await expectNoViolations(admin, `${path} (staff)`);
    // The staff navigation leads to the queue from every staff page.
    if (path === "/staff/ideas") await expect(admin.locator('nav a[href="/staff/ideas"]')).toHaveCount(1);
  }
  await adminContext.close();
});

test("the author edits their idea through the form; another member cannot edit it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const suffix = randomUUID().slice(0, 8);
  const title = `Quiet hours in the shop ${suffix}`;
  const newTitle = `Quiet evening hours in every shop ${suffix}`;
  const author = await registerMember("Edit Author");
  const ideaId = await postIdea(author.api, title, "Turn the music down.", ["calm"]);

  await signIn(page, author.email, author.password);
  await open(page, `/ideas/${ideaId}`);
  await page.getByTestId("edit-idea").click();
  await expect(page).toHaveURL(new RegExp(`/ideas/${ideaId}/edit$`));
  const form = page.getByTestId("idea-form");
  await expect(field(page, "Title")).toHaveValue(title);
  const body = page.getByLabel("Describe your idea", { exact: true });
  await expect(body).toHaveValue("Turn the music down.");
  await expect(page.getByTestId("similar-ideas")).toHaveCount(0);
  await field(page, "Title").fill(newTitle);
  await body.fill("Turn the music **down** after 8 pm.");
  await form.getByRole("button", { name: "Save changes" }).click();

  await expect(page).toHaveURL(new RegExp(`/ideas/${ideaId}$`));
  await expect(page.getByTestId("idea-title")).toHaveText(newTitle);
  await expect(page.getByTestId("idea-body").locator("strong")).toHaveText("down");
  await expect(page.getByTestId("idea-body")).toContainText("after 8 pm.");
  await expect(page.getByRole("link", { name: "#calm" })).toBeVisible();

  // Someone else sees the edited idea but no way to change it, not even by address.
  const otherContext = await secondBrowser(browser);
  const other = await otherContext.newPage();
  await signUp(other, "Edit Onlooker");
  await open(other, `/ideas/${ideaId}`);
  await expect(other.getByTestId("idea-title")).toHaveText(newTitle);
  await expect(other.getByTestId("edit-idea")).toHaveCount(0);
  await open(other, `/ideas/${ideaId}/edit`);
  await expect(other.getByTestId("cannot-edit")).toContainText("You can no longer edit this idea.");
  await expect(other.getByTestId("idea-form")).toHaveCount(0);
  await otherContext.close();
});

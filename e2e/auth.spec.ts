import { ADMIN } from "./support/env";
import { field, PASSWORD, signIn, signUp, uniqueEmail } from "./support/helpers";
import { expect, test } from "./support/test";

test("a visitor signs up, lands on their home, signs out and signs in again", async ({ page }) => {
  const email = await signUp(page, "Elif Yılmaz");
  const membership = page.getByTestId("membership-demo");
  // The demo brand's name depends on whether this database was empty when the server first started.
  const input = encodeURIComponent(JSON.stringify({ json: { slug: "demo" } }));
  const brand = (await (await page.request.get(`/api/trpc/brands.get?input=${input}`)).json()) as {
    result: { data: { json: { name: string } } };
  };
  await expect(membership).toContainText(brand.result.data.json.name);
  await expect(membership.getByTestId("role")).toHaveText("Member");
  await expect(membership.getByTestId("handle")).toHaveText(/^@elif_yilmaz(\d{2}|\d{4})?$/);
  await expect(page.getByTestId("email")).toHaveText(email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/home");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=\/home$/);

  await signIn(page, email);
  await expect(page.getByTestId("greeting")).toHaveText("Hello, Elif Yılmaz");
});

test("a wrong password says only that the e-mail or password is wrong", async ({ page }) => {
  const email = await signUp(page, "Murad");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  for (const [who, password] of [
    [email, "not the password"],
    [uniqueEmail("nobody"), PASSWORD],
  ] as const) {
    await page.goto("/signin");
    await field(page, "E-mail").fill(who);
    await field(page, "Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("E-mail or password is wrong.");
    await expect(page).toHaveURL(/\/signin$/);
  }
});

test("sign-up shows each error next to its field and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await field(page, "E-mail").fill("not-an-email");
  await field(page, "Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator('[data-field-error="name"]')).toHaveText("Enter your name.");
  await expect(page.locator('[data-field-error="email"]')).toHaveText("Enter a valid e-mail address.");
  await expect(page.locator('[data-field-error="password"]')).toHaveText("Use at least 10 characters.");
  await expect(field(page, "E-mail")).toHaveValue("not-an-email");
  await expect(field(page, "E-mail")).toHaveAttribute("aria-invalid", "true");
});

test("signing up with an e-mail that exists says so next to the e-mail field", async ({ page, browser }) => {
  const email = await signUp(page, "First Person");
  const other = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": "100.65.0.1" } });
  await other.goto("/signup");
  await field(other, "Your name").fill("Second Person");
  await field(other, "E-mail").fill(email.toUpperCase());
  await field(other, "Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.locator('[data-field-error="email"]')).toHaveText("An account with this e-mail already exists.");
  await other.close();
});

test("the operator's bootstrapped admin signs in and is admin of the default brand", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByTestId("membership-demo").getByTestId("role")).toHaveText("Admin");
});

import { field, linkFromMail, uniqueEmail } from "./support/helpers";
import { expect, test } from "./support/test";

test("a new visitor signs up with an e-mailed link sent through SMTP", async ({ page }) => {
  const email = uniqueEmail("magic");
  await page.goto("/signin");
  await page.getByRole("tab", { name: "E-mail link" }).click();
  await field(page, "E-mail").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  const link = await linkFromMail(email);
  await page.goto(link);
  await expect(page).toHaveURL(/\/home\?lang=en$/);
  await expect(page.getByTestId("email")).toHaveText(email);
  await expect(page.getByTestId("membership-demo").getByTestId("role")).toHaveText("Member");

  // The link works once.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\?/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("We could not sign you in. Please try again.");
});

test("the link request refuses a malformed address next to the field", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("tab", { name: "E-mail link" }).click();
  await field(page, "E-mail").fill("nope@");
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.locator('[data-field-error="email"]')).toHaveText("Enter a valid e-mail address.");
});

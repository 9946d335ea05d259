import { expectNoViolations, signUp } from "./support/helpers";
import { expect, test } from "./support/test";

for (const locale of ["en", "az", "tr", "ka"] as const) {
  test(`public pages have no axe violations (${locale})`, async ({ page, context }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://127.0.0.1" }]);
    for (const path of ["/", "/signup", "/signin", "/signin/check-email", "/no-such-page"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expectNoViolations(page, `${locale} ${path}`);
    }
  });
}

test("forms showing errors and the member home have no axe violations", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator('[data-field-error="email"]')).toBeVisible();
  await expectNoViolations(page, "sign-up with errors");
  await page.goto("/signin");
  await page.getByRole("tab", { name: "E-mail link" }).click();
  await expectNoViolations(page, "sign-in, link tab");
  await signUp(page, "Zeynep Çelik");
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-state", "live");
  await expectNoViolations(page, "home");
});

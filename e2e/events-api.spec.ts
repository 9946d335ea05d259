import { registerMember } from "./support/api";
import { ADMIN } from "./support/env";
import { expectNoViolations, field, signIn } from "./support/helpers";
import { expect, test } from "./support/test";

// The staff screen for the events API. It never rotates an existing secret: e2e/api/events.spec.ts
// signs with the demo brand's secret at the same time.
test("admins see the endpoint, the secret once, a signing example, and link members", async ({ page }) => {
  const member = await registerMember("Crm Linked");
  const externalId = `CRM-${member.handle.length}-${Date.now()}`;
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/staff/integrations");
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
  await expect(page.getByTestId("endpoint")).toHaveText(/\/api\/v1\/events$/);
  await expect(page.getByTestId("curl-example")).toContainText("openssl dgst -sha256 -hmac");
  await expect(page.getByTestId("curl-example")).toContainText("X-Sadiq-Signature: sha256=$SIG");

  const create = page.getByRole("button", { name: "Create secret" });
  if (await create.isVisible()) {
    await create.click();
    const dialog = page.getByTestId("rotate-dialog");
    await expect(dialog).toContainText("shown once");
    await dialog.getByRole("button", { name: "Create" }).click();
    const shown = page.getByTestId("new-secret-value");
    await expect(shown).toHaveText(/^sdq_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId("new-secret")).toContainText("It will not be shown again.");
    const secret = (await shown.textContent()) ?? "";
    await page.getByRole("button", { name: "I have stored it" }).click();
    await expect(page.getByTestId("new-secret")).toHaveCount(0);
    await expect(page.getByTestId("secret-preview")).toHaveText(`${secret.slice(0, 8)}…`);
    await page.reload();
    expect(await page.content()).not.toContain(secret);
  } else {
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const dialog = page.getByTestId("rotate-dialog");
    await expect(dialog).toContainText("keeps working for 24 hours");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).not.toBeVisible();
  }
  await expect(page.getByTestId("secret-preview")).toHaveText(/^sdq_.{4}…$/);

  await expectNoViolations(page, "integrations");

  const form = page.getByTestId("link-member-form");
  await field(page, "Member's handle").fill(`@${member.handle}`);
  await field(page, "External id").fill(externalId);
  await form.getByRole("button", { name: "Save link" }).click();
  await expect(page.getByText(`@${member.handle} is now linked to ${externalId}.`)).toBeVisible();
});

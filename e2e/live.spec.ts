import { signUp } from "./support/helpers";
import { expect, test } from "./support/test";

test("the member home shows a live socket on the websocket transport that knows who I am", async ({ page }) => {
  await signUp(page, "Tamar Lomidze");
  const me = (await (await page.request.get("/api/trpc/me.get")).json()) as { result: { data: { json: { id: string } } } };
  const indicator = page.getByRole("status", { name: "Live updates" });
  await expect(indicator).toHaveAttribute("data-state", "live");
  await expect(indicator).toHaveText("Live");
  await expect(indicator).toHaveAttribute("data-transport", "websocket");
  await expect(indicator).toHaveAttribute("data-user-id", me.result.data.json.id);
});

import { test as base } from "@playwright/test";

let n = 0;

/**
 * Each test browses from its own client address (the server trusts X-Forwarded-For in e2e, as
 * behind a proxy), so per-IP rate limits apply per test, not to the whole suite.
 */
export const test = base.extend({
  context: async ({ context }, use, testInfo) => {
    n += 1;
    await context.setExtraHTTPHeaders({ "x-forwarded-for": `100.64.${testInfo.workerIndex % 250}.${n % 250}` });
    await use(context);
  },
});

export { expect } from "@playwright/test";

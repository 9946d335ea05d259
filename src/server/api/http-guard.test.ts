import { describe, expect, it } from "vitest";
import { batchSize, crossSiteRefusal } from "./http-guard";

const post = (headers: Record<string, string>) => new Request("http://app.test/api/trpc/x", { method: "POST", headers });

describe("crossSiteRefusal", () => {
  it("accepts same-origin posts", () => {
    expect(crossSiteRefusal(post({ origin: "http://app.test", host: "app.test" }))).toBeUndefined();
  });
  it("accepts the configured public origin behind a proxy", () => {
    expect(crossSiteRefusal(post({ origin: "https://loyal.example", host: "10.0.0.5:3000" }), "https://loyal.example")).toBeUndefined();
  });
  it("refuses other origins and cross-site fetches", () => {
    expect(crossSiteRefusal(post({ origin: "http://evil.test", host: "app.test" }))).toBe("cross-origin request");
    expect(crossSiteRefusal(post({ origin: "null", host: "app.test" }))).toBe("bad origin");
    expect(crossSiteRefusal(post({ "sec-fetch-site": "cross-site", host: "app.test" }))).toBe("cross-site request");
  });
  it("lets reads through", () => {
    expect(crossSiteRefusal(new Request("http://app.test/api/trpc/x", { headers: { origin: "http://evil.test" } }))).toBeUndefined();
  });
});

describe("batchSize", () => {
  it("counts comma-separated procedures", () => {
    expect(batchSize("http://a/api/trpc/me.get,brands.list?batch=1")).toBe(2);
    expect(batchSize("http://a/api/trpc/me.get")).toBe(1);
    expect(batchSize("http://a/api/trpc/a%2Cb%2Cc?batch=1")).toBe(3);
  });
});

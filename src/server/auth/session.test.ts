import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCookies, userIdFromCookieHeader } from "./session";

const secret = "session-test-secret-session-test-secret";
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = secret;
});

describe("userIdFromCookieHeader", () => {
  it("reads the user id from a next-auth session cookie", async () => {
    const token = await encode({ token: { sub: "user-1" }, secret });
    expect(await userIdFromCookieHeader(`a=b; next-auth.session-token=${token}; c=d`)).toBe("user-1");
    expect(await userIdFromCookieHeader(`__Secure-next-auth.session-token=${token}`)).toBe("user-1");
  });

  it("joins chunked cookies", async () => {
    const token = await encode({ token: { sub: "user-2" }, secret });
    const half = Math.floor(token.length / 2);
    expect(
      await userIdFromCookieHeader(`next-auth.session-token.0=${token.slice(0, half)}; next-auth.session-token.1=${token.slice(half)}`),
    ).toBe("user-2");
  });

  it("returns null for missing, forged or garbage cookies", async () => {
    expect(await userIdFromCookieHeader(undefined)).toBeNull();
    expect(await userIdFromCookieHeader("next-auth.session-token=garbage")).toBeNull();
    const forged = await encode({ token: { sub: "user-3" }, secret: "someone-elses-secret-someone-elses" });
    expect(await userIdFromCookieHeader(`next-auth.session-token=${forged}`)).toBeNull();
  });

  it("ignores malformed cookie encodings", () => {
    expect(parseCookies("a=%E0%A4%A; b=ok").get("b")).toBe("ok");
  });
});

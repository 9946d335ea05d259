import { describe, expect, it } from "vitest";
import { localeOfLink, magicLinkMail } from "./mail-text";

const link = (callback: string) =>
  `http://127.0.0.1:3000/api/auth/callback/email?callbackUrl=${encodeURIComponent(callback)}&token=abc&email=a%40b.c`;

describe("magic link mail", () => {
  it("takes the language from the callback URL", () => {
    expect(localeOfLink(link("http://127.0.0.1:3000/home?lang=ka"))).toBe("ka");
    expect(localeOfLink(link("/home?lang=tr"))).toBe("tr");
  });
  it("falls back to English for unknown or missing languages", () => {
    expect(localeOfLink(link("/home?lang=xx"))).toBe("en");
    expect(localeOfLink("not a url")).toBe("en");
  });
  it("escapes the link in HTML and keeps it verbatim in text", () => {
    const url = `${link("/home?lang=az")}&x="<b>`;
    const mail = magicLinkMail(url);
    expect(mail.subject).toBe("Sadiq-ə giriş keçidiniz");
    expect(mail.text).toContain(url);
    expect(mail.html).not.toContain("<b>");
  });
});

import { describe, expect, it } from "vitest";
import { drawable, fitsFont } from "./og-text";
import { shareLinks } from "./share-links";

describe("drawable", () => {
  it("keeps what the bundled font draws: Azerbaijani, Turkish, Cyrillic and typographic punctuation", () => {
    for (const text of ["Məmmədova çay evi", "Şişli’de gündoğumu — İğdır", "Кофейня «Баку»", "5 km… “quoted”"]) {
      expect(drawable(text)).toBe(text);
      expect(fitsFont(text)).toBe(true);
    }
  });

  it("romanises Georgian, reduces other letters to their base and drops the rest (emoji, CJK)", () => {
    expect(drawable("თბილისის ყავა")).toBe("tbilisis qava");
    expect(drawable("Ვ")).toBe("V");
    expect(drawable("Phở ngon")).toBe("Pho ngon");
    expect(drawable("Coffee ☕ 東京 club")).toBe("Coffee club");
    expect(fitsFont("ყავა")).toBe(false);
  });
});

describe("shareLinks", () => {
  it("prefills every network's own share address with the link and the text", () => {
    const links = shareLinks({ url: "https://x.test/s/abcDEF123456", title: "T", text: "Join me & win" });
    expect(links.map((l) => l.name)).toEqual(["X", "Facebook", "WhatsApp", "Telegram", "LinkedIn"]);
    const by = Object.fromEntries(links.map((l) => [l.network, l.href]));
    expect(by.x).toBe("https://twitter.com/intent/tweet?text=Join%20me%20%26%20win&url=https%3A%2F%2Fx.test%2Fs%2FabcDEF123456");
    expect(by.facebook).toBe("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fx.test%2Fs%2FabcDEF123456");
    expect(by.whatsapp).toBe("https://wa.me/?text=Join%20me%20%26%20win%20https%3A%2F%2Fx.test%2Fs%2FabcDEF123456");
    expect(by.telegram).toBe("https://t.me/share/url?url=https%3A%2F%2Fx.test%2Fs%2FabcDEF123456&text=Join%20me%20%26%20win");
    expect(by.linkedin).toBe("https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fx.test%2Fs%2FabcDEF123456");
  });
});

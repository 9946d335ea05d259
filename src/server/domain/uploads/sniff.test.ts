import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES, sniffImage } from "./sniff";
import { checkImage } from "./uploads";

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF");
const PNG = bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR");
const WEBP = bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ");

describe("sniffImage", () => {
  it("recognises JPEG, PNG and WebP by their first bytes", () => {
    expect(sniffImage(JPEG)).toBe("image/jpeg");
    expect(sniffImage(PNG)).toBe("image/png");
    expect(sniffImage(WEBP)).toBe("image/webp");
    expect(sniffImage(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8L"))).toBe("image/webp");
  });

  it("refuses everything else, whatever its name or declared type would say", () => {
    for (const other of [
      bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"),
      bytes("<!doctype html><script>alert(1)</script>"),
      bytes("GIF89a", [1, 0, 1, 0]),
      bytes("%PDF-1.7"),
      bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "),
      bytes("RIFF", [0x24, 0, 0, 0], "WEBP"),
      bytes([0xff, 0xd8]),
      bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a]),
      bytes([0x00, 0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a]),
      new Uint8Array(),
    ]) {
      expect(sniffImage(other)).toBeNull();
    }
  });
});

describe("checkImage", () => {
  it("says why a file is refused", () => {
    expect(checkImage(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(checkImage(bytes("<html>"))).toEqual({ ok: false, reason: "unsupportedType" });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG);
    expect(checkImage(big)).toEqual({ ok: false, reason: "tooLarge" });
    const limit = new Uint8Array(MAX_IMAGE_BYTES);
    limit.set(JPEG);
    expect(checkImage(limit)).toEqual({ ok: true, contentType: "image/jpeg" });
  });
});

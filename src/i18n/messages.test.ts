import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { locales } from "./config";
import { MESSAGE_AREAS } from "./messages";

type Tree = { [key: string]: string | Tree };

const dir = join(__dirname, "..", "messages");
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as Tree;
const files = (locale: string) => [`${locale}.json`, ...MESSAGE_AREAS.map((area) => `${area}/${locale}.json`)];

function flatten(tree: Tree, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === "string" ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1] ?? "").sort();
}

describe("message files", () => {
  it("never define the same top-level namespace in two files", () => {
    for (const locale of locales) {
      const seen = new Map<string, string>();
      for (const file of files(locale)) {
        for (const ns of Object.keys(read(file))) {
          expect(seen.get(ns), `${file} redefines ${ns}`).toBeUndefined();
          seen.set(ns, file);
        }
      }
    }
  });
});

const translations = locales.filter((l) => l !== "en");

describe.each(translations.flatMap((locale) => files("en").map((file, i) => [locale, file, files(locale)[i] ?? ""] as const)))(
  "%s %s",
  (locale, englishFile, file) => {
    const english = flatten(read(englishFile));
    const translated = flatten(read(file));

    it("has exactly the English keys", () => {
      expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
    });

    it("is translated, keeps every placeholder and parses as ICU", () => {
      for (const [key, source] of Object.entries(english)) {
        const text = translated[key] ?? "";
        expect(text.trim(), key).not.toBe("");
        expect(placeholders(text), key).toEqual(placeholders(source));
        // Plural and number arguments get a number, every other argument a string.
        const numeric = new Set([...source.matchAll(/\{(\w+)\s*,\s*(plural|number|selectordinal)/g)].map((m) => m[1]));
        const values = Object.fromEntries(placeholders(source).map((n) => [n, numeric.has(n) ? 2 : "x"]));
        expect(() => new IntlMessageFormat(text, locale).format(values), key).not.toThrow();
      }
    });
  },
);

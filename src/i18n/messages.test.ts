import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import az from "../messages/az.json";
import en from "../messages/en.json";
import ka from "../messages/ka.json";
import tr from "../messages/tr.json";

type Tree = { [key: string]: string | Tree };

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

const english = flatten(en);

describe.each([
  ["az", az],
  ["tr", tr],
  ["ka", ka],
] as const)("%s messages", (locale, messages) => {
  const translated = flatten(messages as Tree);

  it("have exactly the English keys", () => {
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
  });

  it("are translated, keep every placeholder and parse as ICU", () => {
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
});

/**
 * Text for the share image. next/og draws with the one font it bundles (Geist) and, for any
 * character that font lacks, would download a font from Google at render time. Sadiq renders offline,
 * so everything drawn stays inside Geist's character set: Latin (with Azerbaijani and Turkish letters),
 * Cyrillic and common punctuation; Georgian is romanised (national system); anything else is dropped.
 */

// Geist-Regular's cmap, read from next/dist/compiled/@vercel/og/Geist-Regular.ttf.
const COVERED: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x113],
  [0x116, 0x12b],
  [0x12e, 0x137],
  [0x139, 0x13e],
  [0x141, 0x148],
  [0x14a, 0x14d],
  [0x150, 0x17e],
  [0x18f, 0x18f],
  [0x259, 0x259],
  [0x400, 0x45f],
  [0x2013, 0x2014],
  [0x2018, 0x201a],
  [0x201c, 0x201e],
  [0x2022, 0x2022],
  [0x2026, 0x2026],
];

// Mkhedruli ა (U+10D0) … ჰ (U+10F0), in order, in the 2002 national romanisation (no apostrophes).
const GEORGIAN = "a b g d e v z t i k l m n o p zh r s t u p k gh q sh ch ts dz ts ch kh j h".split(" ");
const MKHEDRULI_A = 0x10d0;
const MTAVRULI_A = 0x1c90;

function covered(cp: number): boolean {
  return COVERED.some(([from, to]) => cp >= from && cp <= to);
}

export function fitsFont(text: string): boolean {
  for (const ch of text) if (!covered(ch.codePointAt(0) ?? 0)) return false;
  return true;
}

function romanise(cp: number): string | undefined {
  if (cp >= MKHEDRULI_A && cp < MKHEDRULI_A + GEORGIAN.length) return GEORGIAN[cp - MKHEDRULI_A];
  // Mtavruli: the same letters as capitals.
  const lower = cp >= MTAVRULI_A && cp < MTAVRULI_A + GEORGIAN.length ? GEORGIAN[cp - MTAVRULI_A] : undefined;
  return lower ? lower.charAt(0).toUpperCase() + lower.slice(1) : undefined;
}

/** The text as the bundled font can draw it. */
export function drawable(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (covered(cp)) {
      out += ch;
      continue;
    }
    const roman = romanise(cp);
    if (roman) {
      out += roman;
      continue;
    }
    // "ǅ" → "Dž", "ﬁ" → "fi", accented letters outside the font → their base letter.
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    if (base && fitsFont(base)) out += base;
  }
  return out.replace(/\s+/g, " ").trim();
}

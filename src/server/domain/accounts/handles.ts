const LATIN: Record<string, string> = {
  ə: "e",
  ı: "i",
  ş: "s",
  ç: "c",
  ğ: "g",
  ö: "o",
  ü: "u",
  ß: "ss",
  æ: "ae",
  ø: "o",
  đ: "d",
  ł: "l",
};
// Georgian Mkhedruli → Latin, national romanisation (2002).
const GEORGIAN = "a b g d e v z t i k' l m n o p' zh r s t' u p k gh q' sh ch ts dz ts' ch' kh j h".split(" ");

/** A readable, URL-safe handle base from a display name: "Aysel Məmmədova" → "aysel_memmedova". */
export function handleBase(name: string): string {
  let s = "";
  for (const ch of name.toLowerCase()) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x10d0 && code <= 0x10f0) s += (GEORGIAN[code - 0x10d0] ?? "").replace("'", "");
    else s += LATIN[ch] ?? ch;
  }
  const base = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 20)
    .replace(/_+$/, "");
  return base.length >= 3 ? base : `member${base ? `_${base}` : ""}`;
}

/** Candidates to try in order: the base, then the base with a random number. */
export function handleCandidate(base: string, attempt: number): string {
  if (attempt === 0) return base;
  const digits = attempt < 5 ? 2 : 4;
  const n = Math.floor(Math.random() * 10 ** digits);
  return `${base}${String(n).padStart(digits, "0")}`;
}

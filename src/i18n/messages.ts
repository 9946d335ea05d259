import type { Locale } from "./config";

/**
 * Messages are split by area (src/messages/<area>/<locale>.json) beside the core file
 * (src/messages/<locale>.json), so features can be translated without touching one huge file.
 * Each area owns its top-level namespaces; messages.test.ts checks they never collide.
 */
export const MESSAGE_AREAS = [
  "quests",
  "questsUi",
  "reviews",
  "shares",
  "integrations",
  "questBuilder",
  "boards",
  "boardsStaff",
  "ideas",
  "ideasStaff",
  "referrals",
  "referralsStaff",
  "surprises",
  "surprisesStaff",
] as const;

type Tree = { [key: string]: string | Tree };

export async function loadMessages(locale: Locale): Promise<Tree> {
  const core = (await import(`../messages/${locale}.json`)).default as Tree;
  const areas = await Promise.all(MESSAGE_AREAS.map(async (area) => (await import(`../messages/${area}/${locale}.json`)).default as Tree));
  return Object.assign({}, core, ...areas);
}

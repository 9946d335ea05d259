import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { drawable, fitsFont } from "./og-text";

export type SharePageView = inferRouterOutputs<AppRouter>["shares"]["page"];

export interface ShareCardLabels {
  invite: string;
  questsCompleted: string;
  pointsEarned: string;
  bestStreak: string;
}

/** Everything the share image draws: names, a headline and counts. No health value can get in. */
export interface ShareCard {
  invite: string;
  headline: string;
  /** The brand, under a quest's title. */
  subline: string | null;
  stats: { label: string; value: string }[];
}

/**
 * The image's content. Labels come in the viewer's language when the bundled font can draw it,
 * else in the fallback (English) — crawlers that fetch the image rarely send a language anyway.
 */
export function shareCard(page: SharePageView, labels: ShareCardLabels, fallback: ShareCardLabels, locale: string): ShareCard {
  const l = Object.values(labels).every(fitsFont) ? labels : fallback;
  const n = new Intl.NumberFormat(l === labels ? locale : "en");
  const stats = [
    { label: l.questsCompleted, value: page.sharer.questsCompleted },
    { label: l.pointsEarned, value: page.sharer.pointsEarned },
    { label: l.bestStreak, value: page.sharer.bestStreak },
  ];
  const quest = page.target.kind === "quest" ? page.target.title : null;
  return {
    invite: drawable(l.invite),
    headline: drawable(quest ?? page.brand.name),
    subline: quest ? drawable(page.brand.name) : null,
    stats: stats.map((s) => ({ label: drawable(s.label), value: n.format(s.value) })),
  };
}

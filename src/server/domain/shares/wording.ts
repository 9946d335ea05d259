import type { SharePage } from "./shares";

/** A translator for the `shares` namespace (next-intl's getTranslations or use-intl's createTranslator). */
export type SharesT = (key: string, values?: Record<string, string | number>) => string;

/**
 * The title and text that travel with a link: the target, and what the sharer achieved in points and
 * counts (never a health value: SharePage carries none).
 */
export function shareWording(page: SharePage, t: SharesT): { title: string; text: string } {
  const brand = page.brand.name;
  if (page.target.kind === "quest") {
    return {
      title: t("titleQuest", { quest: page.target.title, brand }),
      text: t("textQuest", { quest: page.target.title, brand }),
    };
  }
  const title = page.target.kind === "idea" ? t("titleIdea", { brand }) : t("titleBrand", { brand });
  const { questsCompleted, pointsEarned } = page.sharer;
  const text =
    questsCompleted > 0 ? t("textAchievement", { brand, quests: questsCompleted, points: pointsEarned }) : t("textInvite", { brand });
  return { title, text };
}

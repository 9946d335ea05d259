import { ImageResponse } from "next/og";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import type { Locale } from "@/i18n/config";
import { supportedLocale, translatorIn } from "@/i18n/translator";
import { type ShareCard, type ShareCardLabels, type SharePageView, shareCard } from "./share-card";

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 };

/** The card's words in `locale` (the English fallback must really be English, whoever is viewing). */
async function labels(locale: Locale, handle: string): Promise<ShareCardLabels> {
  const t = await translatorIn(locale, "sharePage");
  return {
    invite: t("eyebrow", { handle }),
    questsCompleted: t("questsCompleted"),
    pointsEarned: t("pointsEarned"),
    bestStreak: t("bestStreak"),
  };
}

// Satori lays out with flexbox only: every element with more than one child says display: flex.

/** The dark 1200×630 frame of a link card: its words at the top, what the link offers at the bottom. */
export function CardFrame({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "64px 72px",
        background: "#0c2e20",
        color: "#ffffff",
      }}
    >
      {children}
    </div>
  );
}

function Card({ card }: { card: ShareCard }) {
  return (
    <CardFrame>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ display: "flex", fontSize: 34, color: "#d9ede3" }}>{card.invite}</div>
        <div style={{ display: "flex", marginTop: 20, fontSize: 72, lineHeight: 1.1 }}>{card.headline}</div>
        {card.subline ? <div style={{ display: "flex", marginTop: 16, fontSize: 38, color: "#d9ede3" }}>{card.subline}</div> : null}
      </div>
      <div style={{ display: "flex" }}>
        {card.stats.map((s) => (
          <div
            key={s.label}
            style={{
              display: "flex",
              flexDirection: "column",
              marginRight: 28,
              padding: "24px 32px",
              borderRadius: 24,
              background: "#17573c",
              minWidth: 300,
            }}
          >
            <div style={{ display: "flex", fontSize: 64 }}>{s.value}</div>
            <div style={{ display: "flex", fontSize: 28, color: "#d9ede3" }}>{s.label}</div>
          </div>
        ))}
      </div>
    </CardFrame>
  );
}

/** The Open Graph / Twitter image of a share link: the sharer's achievement in counts, 1200×630 PNG. */
export async function shareImage(page: SharePageView): Promise<ImageResponse> {
  const locale = supportedLocale(await getLocale());
  const card = shareCard(page, await labels(locale, page.sharer.handle), await labels("en", page.sharer.handle), locale);
  return new ImageResponse(<Card card={card} />, SHARE_IMAGE_SIZE);
}

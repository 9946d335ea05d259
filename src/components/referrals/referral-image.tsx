import { ImageResponse } from "next/og";
import { getLocale } from "next-intl/server";
import type { Locale } from "@/i18n/config";
import { supportedLocale, translatorIn } from "@/i18n/translator";
import { CardFrame, SHARE_IMAGE_SIZE } from "../shares/share-image";
import { type ReferralCard, type ReferralCardLabels, referralCard } from "./referral-card";
import type { LandingView } from "./types";

/** The card's words in `locale` (the English fallback must really be English, whoever is viewing). */
async function labels(locale: Locale, view: LandingView): Promise<ReferralCardLabels> {
  const t = await translatorIn(locale, "referrals.landing");
  return {
    invite: t("eyebrow", { handle: view.inviter.handle }),
    offer: t("cardOffer", { points: view.offer.friendPoints, action: view.offer.qualifyingAction }),
  };
}

function Card({ card }: { card: ReferralCard }) {
  return (
    <CardFrame>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ display: "flex", fontSize: 38, color: "#d9ede3" }}>{card.invite}</div>
        <div style={{ display: "flex", marginTop: 20, fontSize: 80, lineHeight: 1.1 }}>{card.headline}</div>
        {card.welcome ? <div style={{ display: "flex", marginTop: 20, fontSize: 32, color: "#d9ede3" }}>{card.welcome}</div> : null}
      </div>
      <div
        style={{
          display: "flex",
          alignSelf: "flex-start",
          padding: "24px 36px",
          borderRadius: 24,
          background: "#17573c",
          fontSize: 40,
          lineHeight: 1.2,
        }}
      >
        {card.offer}
      </div>
    </CardFrame>
  );
}

/** The Open Graph / Twitter image of an invite link: who invites, the brand and the welcome offer, 1200×630 PNG. */
export async function referralImage(view: LandingView): Promise<ImageResponse> {
  const locale = supportedLocale(await getLocale());
  const card = referralCard(view, await labels(locale, view), await labels("en", view));
  return new ImageResponse(<Card card={card} />, SHARE_IMAGE_SIZE);
}

import { useTranslations } from "next-intl";
import type { Offer } from "./types";

/**
 * The offer in three plain steps. The friend reads it on the invite page; the referrer reads the same
 * steps on their own page, so both know exactly when the points arrive.
 */
export function OfferSteps({
  offer,
  inviter,
  perspective = "friend",
}: {
  offer: Offer;
  inviter: string;
  perspective?: "friend" | "referrer";
}) {
  const t = useTranslations("referrals.steps");
  const action = offer.qualifyingAction;
  const steps = [
    t(`${perspective}.join`),
    t(`${perspective}.qualify`, { action }),
    t(`${perspective}.reward`, { friendPoints: offer.friendPoints, referrerPoints: offer.referrerPoints, handle: inviter }),
  ];
  return (
    <section
      aria-labelledby="offer-steps-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="offer-steps"
    >
      <h2 id="offer-steps-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      <ol className="flex flex-col gap-3">
        {steps.map((text, i) => (
          <li key={text} className="flex items-start gap-3">
            <span
              aria-hidden="true"
              className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-100 font-bold text-brand-900"
            >
              {i + 1}
            </span>
            <span className="pt-1">{text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

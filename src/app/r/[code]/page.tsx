import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OfferSteps } from "@/components/referrals/offer-steps";
import { ReferralVisitBeacon } from "@/components/referrals/visit-beacon";
import { linkButton } from "@/components/ui/button";
import { appOrigin } from "@/server/domain/shares/shares";
import { viewerId } from "@/trpc/server";
import { loadLanding } from "./landing-data";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const view = await loadLanding(code);
  const metadataBase = new URL(appOrigin());
  // The page itself answers 404; the base still resolves the image tags of this segment.
  if (!view) return { metadataBase };
  const t = await getTranslations("referrals.landing");
  const title = t("metaTitle", { handle: view.inviter.handle, brand: view.brand.name });
  const description = t("offer", { points: view.offer.friendPoints, action: view.offer.qualifyingAction });
  // opengraph-image.tsx and twitter-image.tsx beside this page add the image tags.
  return {
    metadataBase,
    title,
    description,
    // A personal link is for friends, not for search engines.
    robots: { index: false, follow: false },
    openGraph: { type: "website", url: `${appOrigin()}/r/${view.code}`, title, description, siteName: view.brand.name },
    twitter: { card: "summary_large_image", title, description },
  };
}

/** The page a friend lands on from a member's invite link; works signed out. */
export default async function InvitePage({ params }: Props) {
  const { code } = await params;
  const view = await loadLanding(code);
  if (!view) notFound();
  const t = await getTranslations("referrals.landing");
  const signedIn = (await viewerId()) !== null;
  const { brand, inviter, offer } = view;

  return (
    <article className="flex flex-col gap-6" data-testid="invite-page">
      <section className="flex flex-col gap-4 rounded-2xl bg-brand-900 px-5 py-8 text-white">
        <p className="font-semibold text-brand-100" data-testid="invite-inviter">
          {t("eyebrow", { handle: inviter.handle })}
        </p>
        <h1 className="break-words text-3xl font-bold leading-tight">{t("title", { brand: brand.name })}</h1>
        <p className="text-lg text-brand-50" data-testid="invite-offer">
          {t("offer", { points: offer.friendPoints, action: offer.qualifyingAction })}
        </p>
        {offer.welcomeText ? (
          <blockquote
            className="whitespace-pre-line break-words border-l-4 border-brand-500 pl-3 text-brand-50"
            data-testid="invite-welcome"
          >
            {offer.welcomeText}
          </blockquote>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row">
          {signedIn ? (
            <>
              <p className="text-brand-50">{t("alreadyMember")}</p>
              <Link href="/home" className={linkButton.secondary}>
                {t("goHome")}
              </Link>
            </>
          ) : (
            <>
              <Link
                href={`/signup?ref=${encodeURIComponent(view.code)}`}
                className={`${linkButton.secondary} text-lg`}
                data-testid="invite-join"
              >
                {t("join", { brand: brand.name })}
              </Link>
              <Link
                href="/signin"
                className="inline-flex min-h-11 items-center justify-center rounded-lg px-4 font-semibold text-white underline underline-offset-4"
              >
                {t("signIn")}
              </Link>
            </>
          )}
        </div>
      </section>
      <OfferSteps offer={offer} inviter={inviter.handle} />
      {/* Only a visitor who may still sign up needs the visit counted and the referral remembered. */}
      {signedIn ? null : <ReferralVisitBeacon code={view.code} />}
    </article>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { VisitBeacon } from "@/components/shares/visit-beacon";
import { Badge } from "@/components/ui/badge";
import { linkButton } from "@/components/ui/button";
import { appOrigin, shareUrl } from "@/server/domain/shares/shares";
import { shareWording } from "@/server/domain/shares/wording";
import { viewerId } from "@/trpc/server";
import { loadSharePage } from "./share-data";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const page = await loadSharePage(code);
  const metadataBase = new URL(appOrigin());
  // The page itself answers 404; the base still resolves the image tags of this segment.
  if (!page) return { metadataBase };
  const { title, text } = shareWording(page, await getTranslations("shares"));
  const url = shareUrl(code);
  // opengraph-image.tsx and twitter-image.tsx beside this page add the image tags.
  return {
    metadataBase,
    title,
    description: text,
    // A personal link is for friends, not for search engines.
    robots: { index: false, follow: false },
    openGraph: { type: "website", url, title, description: text, siteName: page.brand.name },
    twitter: { card: "summary_large_image", title, description: text },
  };
}

/** The page a friend lands on from a member's share link. */
export default async function SharePage({ params }: Props) {
  const { code } = await params;
  const page = await loadSharePage(code);
  if (!page) notFound();
  const t = await getTranslations("sharePage");
  const format = await getFormatter();
  const signedIn = (await viewerId()) !== null;
  const { brand, sharer, target } = page;
  const stats = [
    ["questsCompleted", sharer.questsCompleted],
    ["pointsEarned", sharer.pointsEarned],
    ["bestStreak", sharer.bestStreak],
  ] as const;

  return (
    <article className="flex flex-col gap-6" data-testid="share-page">
      <section className="flex flex-col gap-4 rounded-2xl bg-brand-900 px-5 py-8 text-white">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-100" data-testid="share-sharer">
          {t("eyebrow", { handle: sharer.handle })}
        </p>
        <h1 className="text-3xl font-bold leading-tight">{target.kind === "quest" ? target.title : brand.name}</h1>
        {target.kind === "quest" ? (
          <p className="text-lg text-brand-50">{t("atBrand", { brand: brand.name })}</p>
        ) : brand.tagline ? (
          <p className="text-lg text-brand-50">{brand.tagline}</p>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row">
          {signedIn ? (
            <Link href="/home" className={linkButton.secondary}>
              {t("goHome")}
            </Link>
          ) : (
            <>
              <Link href="/signup" className={linkButton.secondary} data-testid="share-join">
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

      <section aria-labelledby="share-achievements" className="flex flex-col gap-3">
        <h2 id="share-achievements" className="text-xl font-bold">
          {t("achievementsTitle", { handle: sharer.handle })}
        </h2>
        <dl className="grid grid-cols-3 gap-2" data-testid="share-stats">
          {stats.map(([label, value]) => (
            <div key={label} className="flex flex-col-reverse rounded-xl border border-stone-300 bg-white p-3">
              <dt className="text-sm text-stone-700">{t(label)}</dt>
              <dd className="text-2xl font-bold text-brand-900">{format.number(value)}</dd>
            </div>
          ))}
        </dl>
      </section>

      {target.kind === "quest" ? (
        <section aria-labelledby="share-target" className="flex flex-col gap-2 rounded-xl border border-stone-300 bg-white p-4">
          <h2 id="share-target" className="flex flex-wrap items-center gap-2 text-xl font-bold">
            {t("questTitle")}
            <Badge tone="green">{t("questPoints", { points: target.basePoints })}</Badge>
          </h2>
          <p className="font-semibold">{target.title}</p>
          {target.description ? <p className="whitespace-pre-line text-stone-700">{target.description}</p> : null}
        </section>
      ) : target.kind === "idea" ? (
        <section aria-labelledby="share-target" className="flex flex-col gap-2 rounded-xl border border-stone-300 bg-white p-4">
          <h2 id="share-target" className="text-xl font-bold">
            {t("ideaTitle")}
          </h2>
          <p className="text-stone-700">{t("ideaPlaceholder")}</p>
        </section>
      ) : (
        <section aria-labelledby="share-target" className="flex flex-col gap-2 rounded-xl border border-stone-300 bg-white p-4">
          <h2 id="share-target" className="text-xl font-bold">
            {t("aboutTitle", { brand: brand.name })}
          </h2>
          <p className="text-stone-700">{t("aboutBody")}</p>
        </section>
      )}
      <VisitBeacon code={page.code} />
    </article>
  );
}

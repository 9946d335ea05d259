import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { linkButton } from "@/components/ui/button";
import { serverApi, viewerId } from "@/trpc/server";

export const dynamic = "force-dynamic";

const FEATURES = [
  ["quests", "questsBody", "🎯"],
  ["points", "pointsBody", "⭐"],
  ["boards", "boardsBody", "🏆"],
  ["ideas", "ideasBody", "💡"],
] as const;

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const api = await serverApi();
  const brands = await api.brands.list();
  const brand = brands.find((b) => b.slug === (process.env.SADIQ_DEFAULT_BRAND ?? "demo")) ?? brands[0];
  if (!brand) notFound();
  const signedIn = (await viewerId()) !== null;
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-4 rounded-2xl bg-brand-900 px-5 py-8 text-white">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-100">{t("eyebrow", { brand: brand.name })}</p>
        <h1 className="text-3xl font-bold leading-tight">{brand.name}</h1>
        {brand.tagline ? <p className="text-lg text-brand-50">{brand.tagline}</p> : null}
        <p className="text-brand-100" data-testid="member-count">
          {t("members", { count: brand.memberCount })}
        </p>
        <div className="flex flex-col gap-2 sm:flex-row">
          {signedIn ? (
            <Link href="/home" className={linkButton.secondary}>
              {t("goHome")}
            </Link>
          ) : (
            <>
              <Link href="/signup" className={linkButton.secondary}>
                {t("join")}
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
      <section aria-labelledby="features" className="flex flex-col gap-3">
        <h2 id="features" className="text-xl font-bold">
          {t("featuresTitle")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {FEATURES.map(([title, body, icon]) => (
            <li key={title} className="rounded-xl border border-stone-300 bg-white p-4">
              <h3 className="flex items-center gap-2 font-semibold">
                <span aria-hidden="true">{icon}</span>
                {t(title)}
              </h3>
              <p className="mt-1 text-stone-700">{t(body)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

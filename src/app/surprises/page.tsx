import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SurprisesView } from "@/components/surprises/surprises-view";
import { brandSlugSchema } from "@/lib/validation/auth";
import { serverApi, viewerId } from "@/trpc/server";

export const dynamic = "force-dynamic";

/** Whose odds: the signed-in member's community, else `?brand=`, else the first community there is. */
async function pickBrand(api: Awaited<ReturnType<typeof serverApi>>, requested: string | undefined) {
  if (await viewerId()) {
    const mine = (await api.me.get().catch(() => undefined))?.memberships[0];
    if (mine) return { slug: mine.brandSlug, name: mine.brandName, member: true };
  }
  const brands = await api.brands.list();
  const asked = brandSlugSchema.safeParse(requested);
  const brand = (asked.success ? brands.find((b) => b.slug === asked.data) : undefined) ?? brands[0];
  return brand ? { slug: brand.slug, name: brand.name, member: false } : null;
}

export default async function SurprisesPage({ searchParams }: { searchParams: Promise<{ brand?: string | string[] }> }) {
  const api = await serverApi();
  const requested = (await searchParams).brand;
  const brand = await pickBrand(api, Array.isArray(requested) ? requested[0] : requested);
  const t = await getTranslations("surprises");
  if (!brand) {
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("noBrand")}</p>
      </div>
    );
  }
  const [tables, mine] = await Promise.all([
    api.surprises.tables({ brandSlug: brand.slug }),
    brand.member ? api.surprises.mine({ brandSlug: brand.slug }) : Promise.resolve(null),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro", { brand: brand.name })}</p>
      </div>
      {brand.member ? null : (
        <p className="rounded-2xl border border-brand-600 bg-brand-50 p-4 text-brand-900">
          {t("signedOut")}{" "}
          <Link href="/signup" className="font-semibold underline underline-offset-4">
            {t("join")}
          </Link>
        </p>
      )}
      <SurprisesView brandSlug={brand.slug} initial={tables} mine={mine} />
    </div>
  );
}

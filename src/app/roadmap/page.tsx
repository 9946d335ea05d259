import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RoadmapBoard } from "@/components/ideas/roadmap-board";
import { brandSlugSchema } from "@/lib/validation/auth";
import { serverApi, viewerId } from "@/trpc/server";

export const dynamic = "force-dynamic";

/** Whose roadmap: the signed-in member's community, else `?brand=`, else the first community there is. */
async function pickBrand(api: Awaited<ReturnType<typeof serverApi>>, requested: string | undefined) {
  if (await viewerId()) {
    const mine = (await api.me.get().catch(() => undefined))?.memberships[0];
    if (mine) return { slug: mine.brandSlug, name: mine.brandName };
  }
  const brands = await api.brands.list();
  const asked = brandSlugSchema.safeParse(requested);
  const brand = (asked.success ? brands.find((b) => b.slug === asked.data) : undefined) ?? brands[0];
  return brand ? { slug: brand.slug, name: brand.name } : null;
}

export default async function RoadmapPage({ searchParams }: { searchParams: Promise<{ brand?: string | string[] }> }) {
  const api = await serverApi();
  const requested = (await searchParams).brand;
  const brand = await pickBrand(api, Array.isArray(requested) ? requested[0] : requested);
  const t = await getTranslations("ideasUi.roadmap");
  if (!brand) {
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("noBrand")}</p>
      </div>
    );
  }
  const columns = await api.ideas.roadmap({ brandSlug: brand.slug });
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro", { brand: brand.name })}</p>
      </div>
      <RoadmapBoard brandSlug={brand.slug} initial={columns} />
      <Link href="/ideas" className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("allIdeas")}
      </Link>
    </div>
  );
}

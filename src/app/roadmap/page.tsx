import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RoadmapBoard } from "@/components/ideas/roadmap-board";
import { publicBrand } from "@/trpc/public-brand";
import { serverApi } from "@/trpc/server";

export const dynamic = "force-dynamic";

export default async function RoadmapPage({ searchParams }: { searchParams: Promise<{ brand?: string | string[] }> }) {
  const api = await serverApi();
  const brand = await publicBrand((await searchParams).brand);
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

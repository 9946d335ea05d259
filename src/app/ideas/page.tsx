import { getTranslations } from "next-intl/server";
import { filtersFrom, LIST_PAGE } from "@/components/ideas/filters";
import { IdeaList } from "@/components/ideas/idea-list";
import { NoCommunity } from "@/components/points/no-community";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function IdeasPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { api, membership } = await memberContext("/ideas");
  const t = await getTranslations("ideasUi.list");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const filters = filtersFrom(await searchParams);
  const initial = await api.ideas.list({ brandSlug, ...filters, limit: LIST_PAGE });
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("intro", { brand: membership.brandName })}</p>
        </div>
        <LiveIndicator />
      </div>
      <IdeaList brandSlug={brandSlug} initial={initial} initialFilters={filters} />
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { LeagueView } from "@/components/boards/league-view";
import { NoCommunity } from "@/components/points/no-community";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function LeaguesPage() {
  const { api, membership } = await memberContext("/leagues");
  const t = await getTranslations("leaguesUi");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const league = await api.leagues.mine({ brandSlug });
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("subtitle", { brand: membership.brandName })}</p>
        </div>
        <LiveIndicator />
      </div>
      <LeagueView brandSlug={brandSlug} initial={league} />
    </div>
  );
}

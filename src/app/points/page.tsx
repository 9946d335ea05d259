import { getTranslations } from "next-intl/server";
import { HISTORY_PAGE } from "@/components/points/constants";
import { NoCommunity } from "@/components/points/no-community";
import { PointsDashboard } from "@/components/points/points-dashboard";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function PointsPage() {
  const { api, membership } = await memberContext("/points");
  const t = await getTranslations("points");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const [balance, history, catalog] = await Promise.all([
    api.points.balance({ brandSlug }),
    api.points.history({ brandSlug, limit: HISTORY_PAGE }),
    api.rewards.list({ brandSlug }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("subtitle", { brand: membership.brandName })}</p>
        </div>
        <LiveIndicator />
      </div>
      <PointsDashboard brandSlug={brandSlug} initialBalance={balance} initialHistory={history} causeName={catalog.cause.name} />
    </div>
  );
}

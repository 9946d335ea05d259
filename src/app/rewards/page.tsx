import { getTranslations } from "next-intl/server";
import { NoCommunity } from "@/components/points/no-community";
import { RewardsView } from "@/components/points/rewards-view";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function RewardsPage() {
  const { api, membership } = await memberContext("/rewards");
  const t = await getTranslations("rewards");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const [catalog, balance, mine] = await Promise.all([
    api.rewards.list({ brandSlug }),
    api.points.balance({ brandSlug }),
    api.redemptions.mine({ brandSlug }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("subtitle", { brand: membership.brandName })}</p>
      </div>
      <RewardsView brandSlug={brandSlug} initialCatalog={catalog} initialBalance={balance} initialMine={mine} />
    </div>
  );
}

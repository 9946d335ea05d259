import { getTranslations } from "next-intl/server";
import { NoCommunity } from "@/components/points/no-community";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { ReferralsDashboard } from "@/components/referrals/referrals-dashboard";
import { memberContext } from "@/lib/member-context";
import { appOrigin } from "@/server/domain/shares/shares";

export const dynamic = "force-dynamic";

export default async function ReferralsPage() {
  const { api, membership } = await memberContext("/referrals");
  const t = await getTranslations("referrals");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const [mine, stats] = await Promise.all([api.referrals.mine({ brandSlug }), api.referrals.stats({ brandSlug })]);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("intro", { brand: membership.brandName })}</p>
        </div>
        <LiveIndicator />
      </div>
      <ReferralsDashboard
        brandSlug={brandSlug}
        brandName={membership.brandName}
        handle={membership.handle}
        origin={appOrigin()}
        initialMine={mine}
        initialStats={stats}
      />
    </div>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NoCommunity } from "@/components/points/no-community";
import { QuestsBoard } from "@/components/quests/quests-board";
import { TimeZoneSync } from "@/components/quests/time-zone-sync";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function QuestsPage() {
  const { api, me, membership } = await memberContext("/quests");
  const t = await getTranslations("questsUi");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const [list, balance] = await Promise.all([api.quests.list({ brandSlug }), api.points.balance({ brandSlug })]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("subtitle", { brand: membership.brandName })}</p>
        </div>
        <LiveIndicator />
      </div>
      <QuestsBoard brandSlug={brandSlug} brandName={membership.brandName} initialList={list} initialBalance={balance} />
      <Link href="/quests/privacy" className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("privacyLink")}
      </Link>
      <TimeZoneSync timeZone={me.timeZone} />
    </div>
  );
}

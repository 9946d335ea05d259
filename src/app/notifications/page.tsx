import { getTranslations } from "next-intl/server";
import { NotificationsView } from "@/components/ideas/notifications-view";
import { NoCommunity } from "@/components/points/no-community";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  const { api, membership } = await memberContext("/notifications");
  const t = await getTranslations("ideasUi.notifications");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const initial = await api.notifications.list({ brandSlug, limit: 20 });
  // The list answers whether every idea notice is muted once the domain reports it; until then the switch starts off.
  const mutedAll = initial.mutedAll;
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro")}</p>
      </div>
      <NotificationsView brandSlug={brandSlug} initial={initial} mutedAll={mutedAll} />
    </div>
  );
}

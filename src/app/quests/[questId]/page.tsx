import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NoCommunity } from "@/components/points/no-community";
import { QuestDetailView } from "@/components/quests/quest-detail";
import { TimeZoneSync } from "@/components/quests/time-zone-sync";
import { memberContext } from "@/lib/member-context";
import { uuid } from "@/lib/validation/quests";

export const dynamic = "force-dynamic";

export default async function QuestPage({ params }: { params: Promise<{ questId: string }> }) {
  const { questId } = await params;
  const { api, me, membership } = await memberContext(`/quests/${encodeURIComponent(questId)}`);
  const t = await getTranslations("questsUi");
  if (!membership) return <NoCommunity title={t("title")} />;
  if (!uuid.safeParse(questId).success) notFound();
  const brandSlug = membership.brandSlug;
  // An archived or another brand's quest reads as missing, like a mistyped address.
  const quest = await api.quests.get({ brandSlug, questId }).catch(() => null);
  if (!quest) notFound();
  const balance = await api.points.balance({ brandSlug });
  return (
    <>
      <QuestDetailView
        brandSlug={brandSlug}
        brandName={membership.brandName}
        initialQuest={quest}
        initialBalance={balance}
        timeZone={quest.timeZone}
        today={quest.today}
      />
      <TimeZoneSync timeZone={me.timeZone} />
    </>
  );
}

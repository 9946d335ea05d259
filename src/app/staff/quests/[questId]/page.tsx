import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QuestEditor } from "@/components/staff/quest-editor";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { hasRole } from "@/lib/member-context";
import { staffAccess } from "../../access";

export const dynamic = "force-dynamic";

export default async function QuestPage({ params }: { params: Promise<{ questId: string }> }) {
  const { questId } = await params;
  const { api, allowed, role, brandSlug } = await staffAccess(`/staff/quests/${encodeURIComponent(questId)}`, "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("questBuilder");
  // The staff list is the one read that shows a quest with all its settings; a brand has few quests.
  const [all, tiers] = await Promise.all([api.quests.adminList({ brandSlug, includeArchived: true }), api.tiers.get({ brandSlug })]);
  const quest = all.find((q) => q.id === questId);
  if (!quest) notFound();
  return (
    <StaffShell role={role} current="/staff/quests" title={t("editTitle")}>
      <QuestEditor
        brandSlug={brandSlug}
        initial={quest}
        tiers={tiers}
        quests={all.filter((q) => q.status !== "archived")}
        canEdit={hasRole(role, "admin")}
      />
    </StaffShell>
  );
}

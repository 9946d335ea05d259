import { getTranslations } from "next-intl/server";
import { QuestForm } from "@/components/staff/quest-form";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { staffAccess } from "../../access";

export const dynamic = "force-dynamic";

export default async function NewQuestPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/quests/new", "admin");
  if (!allowed) return <NotAllowed admin />;
  const t = await getTranslations("questBuilder");
  const [tiers, quests] = await Promise.all([api.tiers.get({ brandSlug }), api.quests.adminList({ brandSlug, includeArchived: false })]);
  return (
    <StaffShell role={role} current="/staff/quests" title={t("newTitle")} intro={t("newIntro")}>
      <QuestForm brandSlug={brandSlug} quest={null} tiers={tiers} quests={quests} />
    </StaffShell>
  );
}

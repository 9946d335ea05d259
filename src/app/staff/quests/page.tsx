import { getTranslations } from "next-intl/server";
import { QuestList } from "@/components/staff/quest-list";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { hasRole } from "@/lib/member-context";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffQuestsPage({ searchParams }: { searchParams: Promise<{ created?: string | string[] }> }) {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/quests", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("questBuilder");
  const quests = await api.quests.adminList({ brandSlug, includeArchived: false });
  const { created } = await searchParams;
  return (
    <StaffShell role={role} current="/staff/quests" title={t("listTitle")} intro={t("listIntro")}>
      <QuestList
        brandSlug={brandSlug}
        initial={quests}
        canEdit={hasRole(role, "admin")}
        createdId={typeof created === "string" ? created : undefined}
      />
    </StaffShell>
  );
}

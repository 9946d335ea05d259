import { getTranslations } from "next-intl/server";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { TablesAdmin } from "@/components/surprises/tables-admin";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffSurprisesPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/surprises", "admin");
  if (!allowed) return <NotAllowed admin />;
  const t = await getTranslations("surprisesStaff");
  const [tables, quests, rewards] = await Promise.all([
    api.surprises.list({ brandSlug }),
    api.quests.adminList({ brandSlug, includeArchived: false }),
    api.rewards.all({ brandSlug }),
  ]);
  return (
    <StaffShell role={role} current="/staff/surprises" title={t("title")} intro={t("intro")}>
      <TablesAdmin
        brandSlug={brandSlug}
        initial={tables}
        quests={quests.map((q) => ({ id: q.id, title: q.title }))}
        rewards={rewards.filter((r) => !r.archivedAt).map((r) => ({ id: r.id, title: r.title }))}
      />
    </StaffShell>
  );
}

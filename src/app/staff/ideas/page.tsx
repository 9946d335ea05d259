import { getTranslations } from "next-intl/server";
import { IDEAS_QUEUE_PAGE } from "@/components/staff/ideas-constants";
import { IdeasQueue } from "@/components/staff/ideas-queue";
import { IdeasSettingsForm } from "@/components/staff/ideas-settings-form";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { hasRole } from "@/lib/member-context";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffIdeasPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/ideas", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("ideasStaff");
  const admin = hasRole(role, "admin");
  const [queue, settings] = await Promise.all([
    api.ideas.queue({ brandSlug, kind: "all", limit: IDEAS_QUEUE_PAGE }),
    admin ? api.ideas.settings({ brandSlug }) : null,
  ]);
  return (
    <StaffShell role={role} current="/staff/ideas" title={t("title")} intro={t("intro")}>
      <IdeasQueue brandSlug={brandSlug} initial={queue} />
      {settings ? <IdeasSettingsForm brandSlug={brandSlug} initial={settings} /> : null}
    </StaffShell>
  );
}

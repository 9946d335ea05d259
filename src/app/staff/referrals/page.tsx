import { getTranslations } from "next-intl/server";
import { ReferralsQueue } from "@/components/referrals/referrals-queue";
import { ReferralsSettingsForm } from "@/components/referrals/referrals-settings-form";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { hasRole } from "@/lib/member-context";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffReferralsPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/referrals", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("referralsStaff");
  const admin = hasRole(role, "admin");
  const [queue, settings] = await Promise.all([
    api.referrals.queue({ brandSlug, filter: "held" }),
    admin ? api.referrals.settings({ brandSlug }) : null,
  ]);
  return (
    <StaffShell role={role} current="/staff/referrals" title={t("title")} intro={t("intro")}>
      <ReferralsQueue brandSlug={brandSlug} initial={queue} />
      {settings ? <ReferralsSettingsForm brandSlug={brandSlug} initial={settings} /> : null}
    </StaffShell>
  );
}

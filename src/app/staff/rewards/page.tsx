import { getTranslations } from "next-intl/server";
import { RewardsAdmin } from "@/components/staff/rewards-admin";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffRewardsPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/rewards", "admin");
  if (!allowed) return <NotAllowed admin />;
  const t = await getTranslations("staff");
  const rewards = await api.rewards.all({ brandSlug });
  return (
    <StaffShell role={role} current="/staff/rewards" title={t("pages.rewards")} intro={t("about.rewards")}>
      <RewardsAdmin brandSlug={brandSlug} initial={rewards} />
    </StaffShell>
  );
}

import { getTranslations } from "next-intl/server";
import { PointsTool } from "@/components/staff/points-tools";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { hasRole } from "@/lib/member-context";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffPointsPage() {
  const { allowed, role, brandSlug } = await staffAccess("/staff/points", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("staff");
  return (
    <StaffShell role={role} current="/staff/points" title={t("pages.points")} intro={t("about.points")}>
      <PointsTool brandSlug={brandSlug} mode="award" />
      {hasRole(role, "admin") ? <PointsTool brandSlug={brandSlug} mode="adjust" /> : null}
    </StaffShell>
  );
}

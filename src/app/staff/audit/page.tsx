import { getTranslations } from "next-intl/server";
import { AUDIT_PAGE } from "@/components/points/constants";
import { AuditLog } from "@/components/staff/audit-log";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffAuditPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/audit", "admin");
  if (!allowed) return <NotAllowed admin />;
  const t = await getTranslations("staff");
  const log = await api.audit.list({ brandSlug, limit: AUDIT_PAGE });
  return (
    <StaffShell role={role} current="/staff/audit" title={t("pages.audit")} intro={t("about.audit")}>
      <AuditLog brandSlug={brandSlug} initial={log} />
    </StaffShell>
  );
}

import { getTranslations } from "next-intl/server";
import { IntegrationsAdmin } from "@/components/staff/integrations-admin";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffIntegrationsPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/integrations", "admin");
  if (!allowed) return <NotAllowed admin />;
  const t = await getTranslations("integrations");
  const initial = await api.integrations.get({ brandSlug });
  return (
    <StaffShell role={role} current="/staff/integrations" title={t("title")} intro={t("intro")}>
      <IntegrationsAdmin brandSlug={brandSlug} initial={initial} />
    </StaffShell>
  );
}

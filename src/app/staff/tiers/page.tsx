import { getTranslations } from "next-intl/server";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { TiersEditor } from "@/components/staff/tiers-editor";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffTiersPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/tiers", "admin");
  if (!allowed) return <NotAllowed admin />;
  const t = await getTranslations("staff");
  const tiers = await api.tiers.get({ brandSlug });
  return (
    <StaffShell role={role} current="/staff/tiers" title={t("pages.tiers")} intro={t("about.tiers")}>
      <TiersEditor brandSlug={brandSlug} initial={tiers} />
    </StaffShell>
  );
}

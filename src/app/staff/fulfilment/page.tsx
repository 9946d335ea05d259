import { getTranslations } from "next-intl/server";
import { FulfilmentQueue } from "@/components/staff/fulfilment-queue";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffFulfilmentPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/fulfilment", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("staff");
  const queue = await api.redemptions.list({ brandSlug, status: "awaiting_fulfilment" });
  return (
    <StaffShell role={role} current="/staff/fulfilment" title={t("pages.fulfilment")} intro={t("about.fulfilment")}>
      <FulfilmentQueue brandSlug={brandSlug} initial={queue} />
    </StaffShell>
  );
}

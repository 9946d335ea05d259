import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NotAllowed, STAFF_PAGES, StaffShell } from "@/components/staff/staff-shell";
import { hasRole } from "@/lib/member-context";
import { staffAccess } from "./access";

export const dynamic = "force-dynamic";

export default async function StaffPage() {
  const { allowed, role } = await staffAccess("/staff", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("staff");
  return (
    <StaffShell role={role} current="/staff" title={t("title")} intro={t("intro")}>
      <ul className="grid gap-3 sm:grid-cols-2">
        {STAFF_PAGES.filter((p) => hasRole(role, p.role)).map((p) => (
          <li key={p.href}>
            <Link
              href={p.href}
              className="flex h-full flex-col gap-1 rounded-2xl border border-stone-300 bg-white p-4 hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-700"
            >
              <span className="text-lg font-semibold text-brand-700">{t(`pages.${p.key}`)}</span>
              <span className="text-stone-700">{t(`about.${p.key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </StaffShell>
  );
}

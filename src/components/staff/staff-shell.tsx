import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { hasRole, type Role } from "@/lib/member-context";

export const STAFF_PAGES = [
  { href: "/staff/fulfilment", key: "fulfilment", role: "moderator" },
  { href: "/staff/points", key: "points", role: "moderator" },
  { href: "/staff/reviews", key: "reviews", role: "moderator" },
  { href: "/staff/quests", key: "quests", role: "moderator" },
  { href: "/staff/leaderboards", key: "leaderboards", role: "moderator" },
  { href: "/staff/ideas", key: "ideas", role: "moderator" },
  { href: "/staff/referrals", key: "referrals", role: "moderator" },
  { href: "/staff/surprises", key: "surprises", role: "admin" },
  { href: "/staff/rewards", key: "rewards", role: "admin" },
  { href: "/staff/tiers", key: "tiers", role: "admin" },
  { href: "/staff/integrations", key: "integrations", role: "admin" },
  { href: "/staff/audit", key: "audit", role: "admin" },
] as const satisfies ReadonlyArray<{ href: string; key: string; role: Role }>;

/** The frame of every staff page: its title, the staff sub-navigation and the page itself. */
export async function StaffShell({
  role,
  current,
  title,
  intro,
  children,
}: {
  role: Role;
  current: string;
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const t = await getTranslations("staff");
  const pages = STAFF_PAGES.filter((p) => hasRole(role, p.role));
  return (
    <div className="flex flex-col gap-5">
      <nav aria-label={t("nav")} className="-mx-1 flex flex-wrap gap-1">
        {[{ href: "/staff", key: "overview" } as const, ...pages].map((p) => (
          <Link
            key={p.href}
            href={p.href}
            aria-current={p.href === current ? "page" : undefined}
            className="min-h-11 content-center rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
          >
            {t(`pages.${p.key}`)}
          </Link>
        ))}
      </nav>
      <div>
        <h1 className="text-2xl font-bold">{title}</h1>
        {intro ? <p className="text-stone-700">{intro}</p> : null}
      </div>
      {children}
    </div>
  );
}

/** Shown instead of a staff page to someone without the role; the server refuses them as well. */
export async function NotAllowed({ admin = false }: { admin?: boolean }) {
  const t = await getTranslations("staff");
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-bold">{t("notAllowedTitle")}</h1>
      <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="not-allowed">
        {admin ? t("adminOnly") : t("staffOnly")}
      </p>
      <Link href="/home" className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("backHome")}
      </Link>
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { BoardsExclusions } from "@/components/staff/boards-exclusions";
import { BoardsRecompute } from "@/components/staff/boards-recompute";
import { LeagueSettingsForm } from "@/components/staff/league-settings-form";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { hasRole } from "@/lib/member-context";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffLeaderboardsPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/leaderboards", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("boardsStaff");
  const [exclusions, settings, brand] = await Promise.all([
    api.leaderboards.exclusions({ brandSlug }),
    api.leagues.settings({ brandSlug }),
    api.brands.get({ slug: brandSlug }),
  ]);
  const admin = hasRole(role, "admin");
  return (
    <StaffShell role={role} current="/staff/leaderboards" title={t("title")} intro={t("intro")}>
      <section
        aria-labelledby="rules-title"
        className="grid gap-4 rounded-2xl border border-stone-300 bg-white p-4 sm:grid-cols-2"
        data-testid="board-rules"
      >
        <div className="flex flex-col gap-2">
          <h2 id="rules-title" className="text-lg font-bold">
            {t("rules.title")}
          </h2>
          <p className="font-medium">{t("rules.ranking")}</p>
          <p className="text-sm text-stone-700">{t("rules.periods", { zone: brand.timeZone })}</p>
          <p className="text-sm text-stone-700">{t("rules.privacy")}</p>
        </div>
        <div className="flex flex-col gap-2">
          <h2 className="text-lg font-bold">{t("rules.leaguesTitle")}</h2>
          <p className="text-sm text-stone-700">{t("rules.leagues")}</p>
          <p className="font-medium">{t("rules.prizes", { zone: brand.timeZone })}</p>
        </div>
      </section>
      <BoardsExclusions brandSlug={brandSlug} initial={exclusions} />
      <BoardsRecompute brandSlug={brandSlug} canRecompute={admin} />
      <LeagueSettingsForm brandSlug={brandSlug} initial={settings} canEdit={admin} />
    </StaffShell>
  );
}

import { getTranslations } from "next-intl/server";
import { LeaderboardView } from "@/components/boards/leaderboard-view";
import { pickBoard } from "@/components/boards/types";
import { NoCommunity } from "@/components/points/no-community";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { memberContext } from "@/lib/member-context";
import { PAGE } from "@/lib/realtime/board-state";

export const dynamic = "force-dynamic";

export default async function LeaderboardsPage({
  searchParams,
}: {
  searchParams: Promise<{ board?: string | string[]; period?: string | string[] }>;
}) {
  const { api, membership } = await memberContext("/leaderboards");
  const t = await getTranslations("boardsUi");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const { board, period } = pickBoard((await searchParams).board, (await searchParams).period);
  const [top, me] = await Promise.all([
    api.leaderboards.top({ brandSlug, board, period, limit: PAGE }),
    api.leaderboards.me({ brandSlug, board, period }),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("subtitle", { brand: membership.brandName })}</p>
        </div>
        <LiveIndicator />
      </div>
      <LeaderboardView
        key={`${board}:${period}`}
        brandSlug={brandSlug}
        myHandle={membership.handle}
        board={board}
        period={period}
        top={top}
        me={me}
      />
    </div>
  );
}

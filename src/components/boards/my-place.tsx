"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { aroundMe, type BoardState } from "@/lib/realtime/board-state";
import { BoardRows, RankBadge, useScoreText } from "./board-rows";
import type { BoardName } from "./types";

/**
 * The member's own place: rank, score, "Top n %" on big boards, and the rows around it. On phones it is
 * pinned to the bottom of the screen as one line that opens to show the neighbours.
 */
export function MyPlaceCard({ board, state }: { board: BoardName; state: BoardState }) {
  const t = useTranslations("boardsUi.myPlace");
  const tb = useTranslations("boardsUi");
  const score = useScoreText(board);
  const [open, setOpen] = useState(false);
  const { me } = state;
  const around = aroundMe(state);
  const rows = [...around.above, ...(around.mine ? [around.mine] : []), ...around.below];
  const ranked = me.rank !== null && !me.excluded;
  return (
    <section
      aria-labelledby="my-place-title"
      data-testid="my-place"
      data-rank={me.rank ?? undefined}
      data-hidden={me.hidden ? "true" : "false"}
      data-excluded={me.excluded ? "true" : "false"}
      className="sticky bottom-0 z-20 -mx-4 flex flex-col gap-3 border-t border-stone-300 bg-white px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.08)] sm:static sm:mx-0 sm:rounded-2xl sm:border sm:p-4 sm:shadow-none"
    >
      <div className="flex items-center gap-3">
        <RankBadge rank={ranked ? me.rank : null} />
        <div className="min-w-0 flex-1">
          <h2 id="my-place-title" className="text-base font-bold leading-tight">
            {t("title")}
          </h2>
          <p className="text-sm text-stone-800" data-testid="my-rank">
            {ranked ? t("rank", { rank: me.rank ?? 0, total: state.total }) : me.excluded ? t("excludedShort") : t("unrankedShort")}
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          {ranked ? (
            <span className="text-sm font-semibold tabular-nums" data-testid="my-points">
              {score(me.points)}
            </span>
          ) : null}
          {ranked && me.topPercent !== null ? (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" data-testid="my-top-percent">
              {t("topPercent", { percent: me.topPercent })}
            </span>
          ) : null}
        </div>
      </div>
      {me.excluded ? (
        <p className="text-sm text-stone-700" data-testid="my-note">
          {t("excluded")}
        </p>
      ) : me.hidden ? (
        <p className="text-sm text-stone-700" data-testid="my-note">
          {t("hidden")}
        </p>
      ) : me.rank === null ? (
        <p className="text-sm text-stone-700" data-testid="my-note">
          {t(`join.${board}`)}
        </p>
      ) : null}
      {ranked && (rows.length > 0 || me.hidden) ? (
        <>
          <button
            type="button"
            aria-expanded={open}
            aria-controls="around-me"
            onClick={() => setOpen((o) => !o)}
            className="min-h-11 self-start rounded-lg px-2 text-sm font-semibold text-brand-700 underline underline-offset-4 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-700 sm:hidden"
          >
            {open ? t("hideAround") : t("showAround")}
          </button>
          <div className={`${open ? "block max-h-[50dvh] overflow-y-auto" : "hidden"} sm:block sm:max-h-none`}>
            <BoardRows
              id="around-me"
              rows={rows}
              board={board}
              myId={state.myId}
              flash={state.flash}
              label={tb("aroundLabel")}
              testId="around-me"
              mine={me.hidden && me.rank !== null ? { rank: me.rank, points: me.points, note: t("onlyYou") } : null}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

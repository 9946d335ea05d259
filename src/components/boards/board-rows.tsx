"use client";

import { useTranslations } from "next-intl";
import type { Row } from "@/lib/realtime/board-state";
import type { BoardName } from "./types";
import { useFlip } from "./use-flip";

// A changed row glows and fades; with reduced motion the global rule cuts the animation short.
const FLASH_CSS = `
@keyframes sadiq-board-flash { 0% { background-color: rgb(253 230 138); } 100% { background-color: transparent; } }
.sadiq-board-flash { animation: sadiq-board-flash 1.8s ease-out both; }`;

export function BoardStyles() {
  return (
    <style href="sadiq-board-flash" precedence="medium">
      {FLASH_CSS}
    </style>
  );
}

/** "1,200 points", "3 reviews", "12 days": a score in the board's own unit. */
export function useScoreText(board: BoardName) {
  const t = useTranslations("boardsUi.score");
  return (count: number) => t(board, { count });
}

const medal = ["bg-amber-300 text-amber-950", "bg-stone-300 text-stone-900", "bg-orange-300 text-orange-950"];

export function RankBadge({ rank }: { rank: number | null }) {
  const look = rank !== null && rank <= 3 ? medal[rank - 1] : "bg-stone-100 text-stone-800";
  return (
    <span className={`grid h-8 min-w-8 shrink-0 place-items-center rounded-full px-1.5 text-sm font-bold tabular-nums ${look}`}>
      {rank ?? "–"}
    </span>
  );
}

/**
 * Board rows that glide to their new place (FLIP) and glow briefly when their score changed. Tests read
 * `data-member-id` and `data-rank`.
 */
export function BoardRows({
  rows,
  board,
  myId,
  flash,
  label,
  testId,
  seq,
  live,
  id,
  mine,
}: {
  rows: Row[];
  board: BoardName;
  myId: string | null;
  flash: Record<string, number>;
  label: string;
  testId: string;
  seq?: number | null;
  live?: boolean;
  id?: string;
  /** A hidden member's own place, drawn between the rows around it. */
  mine?: { rank: number; points: number; note: string } | null;
}) {
  const t = useTranslations("boardsUi");
  const score = useScoreText(board);
  const order = rows.map((r) => r.memberId).join(",");
  const register = useFlip<HTMLLIElement>(order);
  const ghostAt = mine ? rows.findIndex((r) => r.rank >= mine.rank) : -1;
  const ghost = mine ? (
    <li
      key="me-hidden"
      data-testid="my-hidden-row"
      data-rank={mine.rank}
      className="flex min-h-12 items-center gap-3 rounded-xl border-2 border-dashed border-brand-600 bg-brand-50 px-3 py-2"
    >
      <RankBadge rank={mine.rank} />
      <span className="min-w-0 flex-1">
        <span className="block font-semibold">{t("you")}</span>
        <span className="block text-xs text-stone-700">{mine.note}</span>
      </span>
      <span className="shrink-0 text-sm font-semibold tabular-nums">{score(mine.points)}</span>
    </li>
  ) : null;
  const items = rows.map((row) => {
    const me = row.memberId === myId;
    return (
      <li
        key={row.memberId}
        ref={register(row.memberId)}
        data-member-id={row.memberId}
        data-rank={row.rank}
        data-points={row.points}
        data-handle={row.handle}
        data-me={me ? "true" : undefined}
        data-flash={flash[row.memberId] ?? undefined}
        aria-current={me ? "true" : undefined}
        className={`relative flex min-h-12 items-center gap-3 overflow-hidden rounded-xl px-3 py-2 ${
          me ? "border-2 border-brand-600 bg-brand-50" : "border border-stone-200 bg-white"
        }`}
      >
        {flash[row.memberId] ? <span key={flash[row.memberId]} aria-hidden="true" className="sadiq-board-flash absolute inset-0" /> : null}
        <span className="relative">
          <RankBadge rank={row.rank} />
        </span>
        <span className="relative flex min-w-0 flex-1 items-center gap-2">
          <span className="truncate font-semibold">@{row.handle}</span>
          {me ? <span className="shrink-0 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">{t("you")}</span> : null}
        </span>
        <span className="relative shrink-0 text-sm font-semibold tabular-nums text-stone-800">{score(row.points)}</span>
      </li>
    );
  });
  if (ghost) items.splice(ghostAt < 0 ? items.length : ghostAt, 0, ghost);
  return (
    <ol
      id={id}
      aria-label={label}
      data-testid={testId}
      data-seq={seq ?? undefined}
      data-live={live === undefined ? undefined : String(live)}
      className="relative flex flex-col gap-2"
    >
      <BoardStyles />
      {items}
    </ol>
  );
}

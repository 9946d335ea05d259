"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { knownKey } from "@/components/points/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fromSnapshot, LIVE_MAX, PAGE, type Row, topRows } from "@/lib/realtime/board-state";
import { useTRPC } from "@/trpc/react";
import { BoardRows } from "./board-rows";
import { Countdown } from "./countdown";
import { MyPlaceCard } from "./my-place";
import { PrivateToggle } from "./private-toggle";
import { RankToast } from "./rank-toast";
import { BOARDS, type BoardName, type BoardPeriod, boardHref, type MeAnswer, type TopAnswer } from "./types";
import { useBoardLive } from "./use-board-live";

const chip =
  "inline-flex min-h-11 items-center rounded-full border px-4 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";
const chipOff = "border-stone-300 bg-white text-stone-800 hover:bg-stone-100";
const chipOn = "border-brand-700 bg-brand-700 text-white";

/** The board and period pickers: plain links, so every view has its own address. */
export function BoardPicker({ board, period }: { board: BoardName; period: BoardPeriod }) {
  const t = useTranslations("boardsUi");
  const periods = BOARDS.find((b) => b.id === board)?.periods ?? ["all"];
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label={t("pickBoard")}>
        <ul className="flex flex-wrap gap-2">
          {BOARDS.map((b) => {
            const target = b.periods.includes(period) ? period : (b.periods[0] ?? "all");
            return (
              <li key={b.id}>
                <Link
                  href={boardHref(b.id, target)}
                  aria-current={b.id === board ? "page" : undefined}
                  className={`${chip} ${b.id === board ? chipOn : chipOff}`}
                  data-testid={`board-${b.id}`}
                >
                  {t(`boards.${b.id}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <nav aria-label={t("pickPeriod")}>
        <ul className="flex w-full rounded-xl border border-stone-300 bg-white p-1">
          {periods.map((p) => (
            <li key={p} className="flex-1">
              <Link
                href={boardHref(board, p)}
                aria-current={p === period ? "page" : undefined}
                className={`flex min-h-11 items-center justify-center rounded-lg px-2 text-center text-sm font-semibold focus-visible:outline-2 focus-visible:outline-brand-700 ${
                  p === period ? "bg-brand-700 text-white" : "text-stone-800 hover:bg-stone-100"
                }`}
                data-testid={`period-${p}`}
              >
                {t(`periods.${p}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

/**
 * One live board: the top rows (more on request), the member's own place pinned at the bottom on phones,
 * private mode, and a toast when someone passes them.
 */
export function LeaderboardView({
  brandSlug,
  myHandle,
  board,
  period,
  top,
  me,
}: {
  brandSlug: string;
  myHandle: string;
  board: BoardName;
  period: BoardPeriod;
  top: TopAnswer;
  me: MeAnswer;
}) {
  const t = useTranslations("boardsUi");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(PAGE);
  const [extra, setExtra] = useState<Row[]>([]);
  const [endsAt, setEndsAt] = useState(top.endsAt);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo(
    () => fromSnapshot({ seq: Math.min(top.seq, me.seq), periodKey: top.periodKey, top: top.rows, limit: PAGE, place: me }, myHandle, null),
    [top, me, myHandle],
  );
  const refreshMe = () =>
    void queryClient
      .fetchQuery({ ...trpc.leaderboards.me.queryOptions({ brandSlug, board, period }), staleTime: 0 })
      .then((fresh) => setEndsAt(fresh.endsAt))
      .catch(() => {});
  const { state, news, dismissNews, refused } = useBoardLive({
    brandSlug,
    board,
    period,
    limit,
    myHandle,
    initial,
    onPeriodChange: refreshMe,
  });

  const live = topRows(state);
  const liveIds = new Set(state.rows.map((r) => r.memberId));
  const lastExtra = extra.at(-1)?.rank ?? 0;
  const shown = [
    ...live,
    ...state.rows.filter((r) => r.rank > state.window.top && r.rank <= lastExtra),
    ...extra.filter((r) => r.rank > state.window.top && !liveIds.has(r.memberId)),
  ].sort((a, b) => a.rank - b.rank);
  const visibleTotal = state.total - (state.me.hidden && state.me.rank !== null ? 1 : 0);
  const lastShown = shown.at(-1)?.rank ?? 0;

  const loadMore = async () => {
    setLoading(true);
    setError(null);
    try {
      const page = await queryClient.fetchQuery({
        ...trpc.leaderboards.top.queryOptions({ brandSlug, board, period, limit: PAGE, cursor: lastShown }),
        staleTime: 0,
      });
      setExtra((before) => {
        const seen = new Set(before.map((r) => r.memberId));
        return [...before, ...page.rows.filter((r) => !seen.has(r.memberId))];
      });
      // Rows up to the server's limit stay live; later pages are as they were when loaded.
      setLimit((l) => Math.min(LIVE_MAX, l + PAGE));
    } catch (err) {
      setError(knownKey(tAll.has, (err as Error).message));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="flex flex-col gap-5">
      <BoardPicker board={board} period={period} />
      <p className="text-sm text-stone-700">
        {t(`describe.${board}`)}
        {endsAt ? (
          <>
            {" "}
            <Countdown
              endsAt={endsAt}
              onEnd={refreshMe}
              testId="board-ends"
              sentence={(time) => t(period === "month" ? "endsMonth" : "endsWeek", { time })}
            />
          </>
        ) : null}
      </p>
      {refused ? <Alert tone="info">{t("notLive")}</Alert> : null}

      <section aria-labelledby="board-top-title" className="flex flex-col gap-3">
        <h2 id="board-top-title" className="text-lg font-bold">
          {t("topTitle", { board: t(`boards.${board}`), period: t(`periods.${period}`) })}
        </h2>
        {shown.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="board-empty">
            {t(`empty.${board}`)}
          </p>
        ) : null}
        <BoardRows
          rows={shown}
          board={board}
          myId={state.myId}
          flash={state.flash}
          label={t("topLabel")}
          testId="board-list"
          seq={state.seq}
          live={state.live}
        />
        {lastShown < visibleTotal && shown.length > 0 ? (
          <Button variant="secondary" onClick={loadMore} disabled={loading} data-testid="load-more" className="self-center">
            {loading ? t("loading") : t("loadMore")}
          </Button>
        ) : null}
        {error ? <Alert>{tAll(error as never)}</Alert> : null}
      </section>

      <MyPlaceCard board={board} state={state} />

      <PrivateToggle brandSlug={brandSlug} initial={me.hidden} />
      <RankToast news={news} onDismiss={dismissNews} />
    </div>
  );
}

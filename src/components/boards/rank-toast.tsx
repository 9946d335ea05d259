"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { RankNews } from "./use-board-live";

const SHOWN_MS = 12_000;

/** "You moved up 3 places" or "@aysel passed you", announced politely; it goes away by itself. */
export function RankToast({ news, onDismiss }: { news: RankNews | null; onDismiss: () => void }) {
  const t = useTranslations("boardsUi.toast");
  useEffect(() => {
    if (!news) return;
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [news, onDismiss]);
  let lines: string[] = [];
  if (news) {
    const { rank, previousRank, passedBy } = news.event;
    const moved = previousRank === null ? 0 : previousRank - rank;
    const first = passedBy[0];
    if (first && moved < 0) {
      lines.push(
        passedBy.length === 1
          ? t("passedYou", { handle: `@${first.handle}` })
          : t("passedYouMany", { handle: `@${first.handle}`, count: passedBy.length - 1 }),
      );
    }
    if (moved > 0) lines.push(t("up", { count: moved }));
    else if (moved < 0) lines.push(t("down", { count: -moved }));
    lines = lines.slice(0, 2);
  }
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-28 z-30 flex justify-center px-4 sm:bottom-4"
    >
      {news && lines.length > 0 ? (
        <div
          key={news.id}
          data-testid="rank-toast"
          className="pointer-events-auto flex w-full max-w-md items-center justify-between gap-3 rounded-xl bg-stone-900 py-2 pl-4 pr-2 text-white shadow-lg"
        >
          <div className="min-w-0 py-1">
            {lines.map((line, i) => (
              <p key={line} className={i === 0 ? "break-words font-semibold" : "break-words text-sm"}>
                {line}
              </p>
            ))}
          </div>
          <button
            type="button"
            onClick={onDismiss}
            className="min-h-11 shrink-0 rounded-lg px-3 text-sm font-semibold text-white underline underline-offset-4 hover:bg-stone-700 focus-visible:outline-2 focus-visible:outline-white"
          >
            {t("dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { BOARD_IDS, type BoardName } from "@/lib/validation/boards";
import { useTRPC } from "@/trpc/react";
import { splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useBoardsErrorText } from "./boards-staff-errors";

type Outcome = { rows: number; corrected: number } | { error: string };

/** One "recompute" per board for admins; moderators see why the buttons are off. */
export function BoardsRecompute({ brandSlug, canRecompute }: { brandSlug: string; canRecompute: boolean }) {
  const t = useTranslations("boardsStaff");
  const errorText = useBoardsErrorText();
  const trpc = useTRPC();
  const recompute = useMutation(trpc.leaderboards.recompute.mutationOptions());
  const [running, setRunning] = useState<BoardName | null>(null);
  const [outcomes, setOutcomes] = useState<Partial<Record<BoardName, Outcome>>>({});

  async function run(board: BoardName) {
    setRunning(board);
    setOutcomes((o) => ({ ...o, [board]: undefined }));
    try {
      const r = await recompute.mutateAsync({ brandSlug, board });
      setOutcomes((o) => ({ ...o, [board]: { rows: r.rows, corrected: r.corrected } }));
    } catch (err) {
      setOutcomes((o) => ({ ...o, [board]: { error: splitError(err, []).alert ?? "errors.internal" } }));
    } finally {
      setRunning(null);
    }
  }

  return (
    <section aria-labelledby="recompute-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="recompute-title" className="text-lg font-bold">
        {t("recompute.title")}
      </h2>
      <p className="text-stone-700">{t("recompute.body")}</p>
      {canRecompute ? null : (
        <p id="recompute-admin-only" className="rounded-lg bg-stone-100 px-3 py-2 text-sm font-medium text-stone-800">
          {t("recompute.adminOnly")}
        </p>
      )}
      <ul className="flex flex-col divide-y divide-stone-200">
        {BOARD_IDS.map((board) => {
          const outcome = outcomes[board];
          return (
            <li key={board} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0" data-testid={`recompute-${board}`}>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <h3 className="font-semibold">{t(`boards.${board}`)}</h3>
                  <p className="text-sm text-stone-700">{t(`sources.${board}`)}</p>
                </div>
                <Button
                  variant="secondary"
                  className="shrink-0"
                  disabled={!canRecompute || running !== null}
                  aria-describedby={canRecompute ? undefined : "recompute-admin-only"}
                  onClick={() => void run(board)}
                >
                  {running === board ? t("recompute.working") : t("recompute.button")}
                  <span className="sr-only"> ({t(`boards.${board}`)})</span>
                </Button>
              </div>
              <div aria-live="polite" data-testid={`recompute-result-${board}`}>
                {outcome && "error" in outcome ? <Alert>{errorText(outcome.error)}</Alert> : null}
                {outcome && !("error" in outcome) ? (
                  <p className="rounded-lg border border-brand-600 bg-brand-50 px-3 py-2 text-sm text-brand-900">
                    <span className="font-semibold">{t("recompute.result", { rows: outcome.rows, corrected: outcome.corrected })}</span>
                    {". "}
                    {outcome.corrected === 0 ? t("recompute.exact") : t("recompute.fixed")}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { knownKey } from "@/components/points/errors";
import { usePointsLive } from "@/components/points/live";
import { Alert } from "@/components/ui/alert";
import { Button, linkButton } from "@/components/ui/button";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import { getSocket } from "@/lib/realtime/client";
import type { LeagueSettled } from "@/lib/realtime/events";
import { useTRPC } from "@/trpc/react";
import { Countdown } from "./countdown";
import { LeagueTable } from "./league-table";
import type { League } from "./types";

/** Other members' points do not reach this member's socket: look again now and then. */
const POLL_MS = 60_000;

/**
 * The member's weekly league: division, group table with its promotion and demotion zones, time to the
 * reset, prizes, last week's result, and leaving or joining. Follows the member's own points live.
 */
export function LeagueView({ brandSlug, initial }: { brandSlug: string; initial: League }) {
  const t = useTranslations("leaguesUi");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.leagues.mine.queryOptions({ brandSlug });
  const league = useQuery({ ...options, initialData: initial, refetchInterval: POLL_MS }).data;
  const refetch = () => void queryClient.invalidateQueries({ queryKey: options.queryKey });
  usePointsLive(refetch);
  const [settled, setSettled] = useState<LeagueSettled | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch only closes over stable query keys
  useEffect(() => {
    const socket = getSocket();
    const onSettled = (event: LeagueSettled) => {
      setSettled(event);
      refetch();
    };
    socket.on("league:settled", onSettled);
    return () => {
      socket.off("league:settled", onSettled);
    };
  }, [brandSlug]);

  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<"left" | "joined" | null>(null);
  const onDone = (what: "left" | "joined") => () => {
    setConfirm(false);
    setDone(what);
    refetch();
  };
  const onError = (err: { message: string }) => setError(knownKey(tAll.has, err.message));
  const leave = useMutation(trpc.leagues.leave.mutationOptions({ onSuccess: onDone("left"), onError }));
  const join = useMutation(trpc.leagues.join.mutationOptions({ onSuccess: onDone("joined"), onError }));
  const busy = leave.isPending || join.isPending;

  const prizes = league.prizes.slice(0, 3);
  const mine = league.rows.find((r) => r.me);
  return (
    <div className="flex flex-col gap-5" data-testid="league" data-joined={league.joined} data-placed={league.placed}>
      {settled ? (
        <Alert tone="info">
          <span data-testid="league-settled">{t(`settled.${settled.outcome}`, { position: settled.position, prize: settled.prize })}</span>
        </Alert>
      ) : null}

      {!league.joined ? (
        <section className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4" data-testid="league-out">
          <h2 className="text-lg font-bold">{t("out.title")}</h2>
          <p className="text-stone-700">{t("out.body")}</p>
        </section>
      ) : !league.placed ? (
        <section className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4" data-testid="league-empty">
          <h2 className="text-lg font-bold">{t("empty.title")}</h2>
          <p className="text-stone-700">{t("empty.body", { division: league.divisionName })}</p>
          <Link href="/quests" className={`${linkButton.primary} self-start`}>
            {t("empty.cta")}
          </Link>
        </section>
      ) : (
        <section
          aria-labelledby="league-title"
          className="-mx-2 flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-3 sm:mx-0 sm:p-4"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <h2 id="league-title" className="text-xl font-bold" data-testid="division-name">
              {t("division", { division: league.divisionName })}
            </h2>
            {league.cohort !== null ? <span className="text-sm text-stone-700">{t("group", { number: league.cohort })}</span> : null}
          </div>
          {mine ? (
            <p className="font-semibold" data-testid="league-standing">
              {t("standing", { rank: mine.rank, count: league.rows.length })} {t(`standingZone.${mine.zone}`)}
            </p>
          ) : null}
          {league.endsAt ? (
            <p className="text-sm text-stone-800" data-testid="league-ends">
              <Countdown
                endsAt={league.endsAt}
                onEnd={() => setTimeout(refetch, 3000)}
                testId="league-countdown"
                sentence={(time) => t("endsIn", { time })}
              />
            </p>
          ) : null}
          {prizes.length > 0 ? (
            <div>
              <h3 className="text-sm font-semibold text-stone-800">{t("prizesTitle")}</h3>
              <ul className="mt-1 flex flex-wrap gap-2" data-testid="league-prizes">
                {prizes.map((prize, i) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: prizes are by place, which never reorders
                    key={i}
                    className="rounded-lg bg-amber-50 px-3 py-1 text-sm text-amber-950 ring-1 ring-amber-200"
                  >
                    {t("prize", { place: i + 1, points: prize })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <LeagueTable league={league} />
        </section>
      )}

      <section aria-labelledby="divisions-title" className="flex flex-col gap-2">
        <h2 id="divisions-title" className="text-lg font-bold">
          {t("divisionsTitle")}
        </h2>
        <ol className="flex flex-wrap gap-2" data-testid="divisions">
          {league.divisions.map((name, i) => {
            const mine = i === league.division;
            return (
              <li
                key={name}
                aria-current={mine ? "step" : undefined}
                data-mine={mine ? "true" : undefined}
                className={`rounded-full px-3 py-1 text-sm font-semibold ${
                  mine ? "bg-brand-700 text-white ring-2 ring-brand-900 ring-offset-2" : "bg-white text-stone-800 ring-1 ring-stone-300"
                }`}
              >
                {i + 1}. {name}
                {mine ? <span className="ml-1">({t("yours")})</span> : null}
              </li>
            );
          })}
        </ol>
        <p className="text-sm text-stone-700" data-testid="league-rules">
          {league.division >= league.divisions.length - 1
            ? t("how.top", { division: league.divisionName })
            : league.promote > 0
              ? t("how.up", { count: league.promote, division: league.divisions[league.division + 1] ?? "" })
              : null}{" "}
          {league.division === 0
            ? t("how.bottom", { division: league.divisionName })
            : league.demote > 0
              ? t("how.down", { count: league.demote, division: league.divisions[league.division - 1] ?? "" })
              : null}
        </p>
      </section>

      {league.lastWeek ? (
        <section
          aria-labelledby="last-week-title"
          className="flex flex-col gap-1 rounded-2xl border border-stone-300 bg-white p-4"
          data-testid="last-week"
        >
          <h2 id="last-week-title" className="text-lg font-bold">
            {t("lastWeek.title")}
          </h2>
          <p className="text-stone-800">
            {league.lastWeek.rank !== null
              ? t("lastWeek.rank", { rank: league.lastWeek.rank, division: league.lastWeek.divisionName })
              : t("lastWeek.noRank", { division: league.lastWeek.divisionName })}{" "}
            {league.lastWeek.outcome === "promoted" || league.lastWeek.outcome === "demoted" || league.lastWeek.outcome === "stayed"
              ? t(`lastWeek.${league.lastWeek.outcome}`)
              : null}
          </p>
          {league.lastWeek.prize > 0 ? <p className="text-stone-800">{t("lastWeek.prize", { prize: league.lastWeek.prize })}</p> : null}
        </section>
      ) : null}

      <div className="flex flex-col gap-2">
        {done ? (
          <p role="status" className="text-sm font-semibold" data-testid="league-done">
            {done === "left" ? t("leftDone") : t("joinedDone")}
          </p>
        ) : null}
        <Button
          variant={league.joined ? "secondary" : "primary"}
          className="self-start"
          onClick={() => {
            setError(null);
            setConfirm(true);
          }}
          data-testid={league.joined ? "leave-leagues" : "join-leagues"}
        >
          {league.joined ? t("leave.button") : t("join.button")}
        </Button>
        {error ? <Alert>{tAll(error as never)}</Alert> : null}
      </div>

      <Dialog
        open={confirm}
        onClose={() => setConfirm(false)}
        title={league.joined ? t("leave.title") : t("join.title")}
        testId="league-confirm"
      >
        <p>{league.joined ? t("leave.body") : t("join.body")}</p>
        <ConfirmActions
          confirmLabel={league.joined ? t("leave.confirm") : t("join.confirm")}
          cancelLabel={t("cancel")}
          busy={busy}
          onConfirm={() => (league.joined ? leave.mutate({ brandSlug }) : join.mutate({ brandSlug }))}
          onCancel={() => setConfirm(false)}
        />
      </Dialog>
    </div>
  );
}

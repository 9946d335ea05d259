"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import type { Reward } from "../points/types";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { RewardForm } from "./reward-form";

type State = "archived" | "scheduled" | "ended" | "active";
const stateTone: Record<State, BadgeTone> = { archived: "grey", scheduled: "amber", ended: "grey", active: "green" };

function stateOf(r: Reward, now: number): State {
  if (r.archivedAt) return "archived";
  if (r.startsAt && r.startsAt.getTime() > now) return "scheduled";
  if (r.endsAt && r.endsAt.getTime() <= now) return "ended";
  return "active";
}

/** Every reward, archived ones too, with create, edit and archive. */
export function RewardsAdmin({ brandSlug, initial }: { brandSlug: string; initial: Reward[] }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rewards = useQuery(trpc.rewards.all.queryOptions({ brandSlug }, { initialData: initial })).data;
  const archive = useMutation(trpc.rewards.archive.mutationOptions());
  const [editing, setEditing] = useState<Reward | "new" | null>(null);
  const [status, setStatus] = useState<string>();
  const [toArchive, setToArchive] = useState<Reward | null>(null);
  const [archiveError, setArchiveError] = useState<string>();
  const now = Date.now();

  const refresh = () => {
    void queryClient.invalidateQueries(trpc.rewards.pathFilter());
  };

  async function doArchive(r: Reward) {
    setArchiveError(undefined);
    try {
      await archive.mutateAsync({ brandSlug, id: r.id });
    } catch (err) {
      setArchiveError(splitError(err, []).alert);
      return;
    }
    setToArchive(null);
    setStatus(t("staffRewards.archived", { name: r.title }));
    refresh();
  }

  return (
    <>
      {status ? <Alert tone="info">{status}</Alert> : null}
      {editing ? (
        <RewardForm
          key={editing === "new" ? "new" : editing.id}
          brandSlug={brandSlug}
          reward={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(title) => {
            setStatus(editing === "new" ? t("staffRewards.created", { name: title }) : t("staffRewards.saved", { name: title }));
            setEditing(null);
            refresh();
          }}
        />
      ) : (
        <Button
          className="self-start"
          onClick={() => {
            setStatus(undefined);
            setEditing("new");
          }}
        >
          {t("staffRewards.new")}
        </Button>
      )}
      <section aria-labelledby="all-rewards" className="flex flex-col gap-3">
        <h2 id="all-rewards" className="text-lg font-bold">
          {t("staffRewards.listTitle")}
        </h2>
        {rewards.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("staffRewards.empty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {rewards.map((r) => {
              const state = stateOf(r, now);
              return (
                <li key={r.id} className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4" data-testid="staff-reward">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h3 className="break-words text-lg font-semibold">{r.title}</h3>
                    <Badge tone={stateTone[state]}>{t(`staffRewards.states.${state}`)}</Badge>
                  </div>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-stone-700">{t("rewards.kind")}</dt>
                    <dd>{t(`rewards.kinds.${r.kind}`)}</dd>
                    <dt className="text-stone-700">{t("rewards.cost")}</dt>
                    <dd>{t("rewards.points", { count: r.cost })}</dd>
                    <dt className="text-stone-700">{t("rewards.stock")}</dt>
                    <dd>{r.stock === null ? t("rewards.unlimited") : t("rewards.left", { count: r.stock })}</dd>
                    <dt className="text-stone-700">{t("rewards.perMember")}</dt>
                    <dd>{r.perMemberLimit === null ? t("staffRewards.noLimit") : format.number(r.perMemberLimit)}</dd>
                    {r.startsAt ? (
                      <>
                        <dt className="text-stone-700">{t("staffRewards.fields.startsAt")}</dt>
                        <dd>{format.dateTime(r.startsAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
                      </>
                    ) : null}
                    {r.endsAt ? (
                      <>
                        <dt className="text-stone-700">{t("staffRewards.fields.endsAt")}</dt>
                        <dd>{format.dateTime(r.endsAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
                      </>
                    ) : null}
                  </dl>
                  {state === "archived" ? null : (
                    <div className="flex flex-wrap gap-2">
                      <Button
                        variant="secondary"
                        onClick={() => {
                          setStatus(undefined);
                          setEditing(r);
                        }}
                      >
                        {t("common.edit")}
                        <span className="sr-only"> {r.title}</span>
                      </Button>
                      <Button
                        variant="secondary"
                        onClick={() => {
                          setArchiveError(undefined);
                          setToArchive(r);
                        }}
                      >
                        {t("staffRewards.archive")}
                        <span className="sr-only"> {r.title}</span>
                      </Button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <Dialog open={toArchive !== null} onClose={() => !archive.isPending && setToArchive(null)} title={t("staffRewards.archiveTitle")}>
        {toArchive ? (
          <>
            {archiveError ? <Alert>{t(knownKey(t.has, archiveError) as never)}</Alert> : null}
            <p>{t("staffRewards.archiveBody", { name: toArchive.title })}</p>
            <ConfirmActions
              confirmLabel={t("staffRewards.archive")}
              cancelLabel={t("common.cancel")}
              busy={archive.isPending}
              onConfirm={() => void doArchive(toArchive)}
              onCancel={() => setToArchive(null)}
            />
          </>
        ) : null}
      </Dialog>
    </>
  );
}

"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { reason as reasonSchema } from "@/lib/validation/points";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { statusTone } from "../points/status";
import type { QueueItem, RedemptionStatus } from "../points/types";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { SelectField, TextAreaField } from "../ui/field";

type Filter = RedemptionStatus | "all";
const FILTERS: Filter[] = ["awaiting_fulfilment", "fulfilled", "cancelled", "all"];

/** Redemptions waiting at the counter (or any status), with fulfil and cancel-with-refund. */
export function FulfilmentQueue({ brandSlug, initial }: { brandSlug: string; initial: QueueItem[] }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>("awaiting_fulfilment");
  const queue = useQuery(
    trpc.redemptions.list.queryOptions(
      { brandSlug, status: filter },
      {
        initialData: filter === "awaiting_fulfilment" ? initial : undefined,
        placeholderData: keepPreviousData,
        refetchInterval: 30_000,
      },
    ),
  );
  const fulfil = useMutation(trpc.redemptions.fulfil.mutationOptions());
  const cancel = useMutation(trpc.redemptions.cancel.mutationOptions());
  const [status, setStatus] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const [toCancel, setToCancel] = useState<QueueItem | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [cancelAlert, setCancelAlert] = useState<string>();
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const refresh = () => void queryClient.invalidateQueries(trpc.redemptions.pathFilter());

  async function markFulfilled(item: QueueItem) {
    setAlert(undefined);
    setStatus(undefined);
    try {
      await fulfil.mutateAsync({ brandSlug, id: item.redemption.id });
    } catch (err) {
      setAlert(splitError(err, []).alert);
      refresh();
      return;
    }
    setStatus(t("fulfilment.fulfilled", { name: item.redemption.voucherCode }));
    refresh();
  }

  async function submitCancel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!toCancel) return;
    setCancelAlert(undefined);
    const checked = reasonSchema.safeParse(reason);
    if (!checked.success) {
      setReasonError(checked.error.issues[0]?.message ?? "points.reasonRequired");
      return;
    }
    setReasonError(undefined);
    try {
      await cancel.mutateAsync({ brandSlug, id: toCancel.redemption.id, reason: checked.data });
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      setReasonError(shown.fields.reason);
      setCancelAlert(shown.alert);
      return;
    }
    setStatus(t("fulfilment.cancelled", { name: toCancel.redemption.voucherCode }));
    setToCancel(null);
    refresh();
  }

  const items = queue.data ?? [];
  return (
    <>
      <div className="max-w-xs">
        <SelectField
          label={t("fulfilment.filter")}
          name="status"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
          options={FILTERS.map((f) => ({ value: f, label: t(`fulfilment.filters.${f}`) }))}
        />
      </div>
      {status ? <Alert tone="info">{status}</Alert> : null}
      {alert ? <Alert>{tr(alert)}</Alert> : null}
      <section aria-labelledby="queue-title" aria-busy={queue.isFetching} className="flex flex-col gap-3">
        <h2 id="queue-title" className="text-lg font-bold">
          {t(`fulfilment.filters.${filter}`)}
        </h2>
        {queue.isError ? <Alert>{t("errors.network")}</Alert> : null}
        {items.length === 0 && !queue.isPending ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("fulfilment.empty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {items.map((item) => {
              const r = item.redemption;
              return (
                <li key={r.id} className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4" data-testid="queue-item">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h3 className="break-words text-lg font-semibold">{item.title}</h3>
                    <Badge tone={statusTone[r.status]}>{t(`rewards.status.${r.status}`)}</Badge>
                  </div>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-stone-700">{t("fulfilment.member")}</dt>
                    <dd className="break-all">
                      @{item.handle}
                      <span className="block text-stone-700">{item.email}</span>
                    </dd>
                    <dt className="text-stone-700">{t("rewards.voucher")}</dt>
                    <dd>
                      <code className="font-mono text-base font-bold tracking-wider" data-testid="queue-voucher">
                        {r.voucherCode}
                      </code>
                    </dd>
                    <dt className="text-stone-700">{t("rewards.cost")}</dt>
                    <dd>{t("rewards.points", { count: r.cost })}</dd>
                    <dt className="text-stone-700">{t("fulfilment.redeemedAt")}</dt>
                    <dd>{format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
                    {r.cancelReason ? (
                      <>
                        <dt className="text-stone-700">{t("fulfilment.reason")}</dt>
                        <dd className="break-words">{r.cancelReason}</dd>
                      </>
                    ) : null}
                  </dl>
                  {r.status === "awaiting_fulfilment" ? (
                    <div className="flex flex-wrap gap-2">
                      <Button onClick={() => void markFulfilled(item)} disabled={fulfil.isPending}>
                        {t("fulfilment.fulfil")}
                        <span className="sr-only"> {r.voucherCode}</span>
                      </Button>
                      <Button
                        variant="secondary"
                        onClick={() => {
                          setReason("");
                          setReasonError(undefined);
                          setCancelAlert(undefined);
                          setToCancel(item);
                        }}
                      >
                        {t("fulfilment.cancel")}
                        <span className="sr-only"> {r.voucherCode}</span>
                      </Button>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <Dialog open={toCancel !== null} onClose={() => !cancel.isPending && setToCancel(null)} title={t("fulfilment.cancelTitle")}>
        {toCancel ? (
          <form onSubmit={submitCancel} noValidate className="flex flex-col gap-4">
            {cancelAlert ? <Alert>{tr(cancelAlert)}</Alert> : null}
            <p>{t("fulfilment.cancelBody", { count: toCancel.redemption.cost, name: `@${toCancel.handle}` })}</p>
            <TextAreaField
              label={t("fulfilment.reason")}
              name="reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={300}
              error={reasonError ? tr(reasonError) : undefined}
            />
            <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
              <Button type="submit" disabled={cancel.isPending}>
                {t("fulfilment.cancelConfirm")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setToCancel(null)} disabled={cancel.isPending}>
                {t("fulfilment.keep")}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}

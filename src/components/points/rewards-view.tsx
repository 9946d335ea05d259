"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { knownKey, splitError } from "./errors";
import { useIdempotencyKey } from "./idempotency";
import { PointsLiveToast } from "./live";
import { statusTone } from "./status";
import type { Balance, Catalog, MyRedemption, Reward } from "./types";
import { VoucherPanel } from "./voucher";

export function RewardsView({
  brandSlug,
  initialCatalog,
  initialBalance,
  initialMine,
}: {
  brandSlug: string;
  initialCatalog: Catalog;
  initialBalance: Balance;
  initialMine: MyRedemption[];
}) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const catalog = useQuery(trpc.rewards.list.queryOptions({ brandSlug }, { initialData: initialCatalog })).data;
  const balance = useQuery(trpc.points.balance.queryOptions({ brandSlug }, { initialData: initialBalance })).data;
  const mine = useQuery(trpc.redemptions.mine.queryOptions({ brandSlug }, { initialData: initialMine })).data;
  const redeem = useMutation(trpc.rewards.redeem.mutationOptions());
  const idem = useIdempotencyKey();
  const [confirm, setConfirm] = useState<Reward | null>(null);
  const [error, setError] = useState<string>();
  const [voucher, setVoucher] = useState<{ code: string; title: string } | null>(null);

  function open(reward: Reward) {
    setError(undefined);
    setConfirm(reward);
  }

  async function spend(reward: Reward) {
    setError(undefined);
    const idempotencyKey = idem.keyFor({ reward: reward.id });
    try {
      const result = await redeem.mutateAsync({ brandSlug, rewardId: reward.id, idempotencyKey });
      idem.done();
      setConfirm(null);
      setVoucher({ code: result.redemption.voucherCode, title: reward.title });
    } catch (err) {
      setError(splitError(err, []).alert);
    }
    void queryClient.invalidateQueries(trpc.points.pathFilter());
    void queryClient.invalidateQueries(trpc.rewards.list.pathFilter());
    void queryClient.invalidateQueries(trpc.redemptions.mine.pathFilter());
  }

  const usedByReward = new Map<string, number>();
  for (const m of mine) {
    if (m.redemption.status !== "cancelled") usedByReward.set(m.redemption.rewardId, (usedByReward.get(m.redemption.rewardId) ?? 0) + 1);
  }

  return (
    <>
      <p className="flex flex-wrap items-baseline gap-x-2 rounded-2xl border border-stone-300 bg-white p-4 text-lg">
        <span className="text-stone-700">{t("rewards.balanceLabel")}</span>
        <strong className="tabular-nums" data-testid="rewards-balance">
          {t("rewards.points", { count: balance.available })}
        </strong>
      </p>
      {voucher ? <VoucherPanel code={voucher.code} title={voucher.title} onClose={() => setVoucher(null)} /> : null}
      <section aria-labelledby="catalog-title" className="flex flex-col gap-3">
        <h2 id="catalog-title" className="text-lg font-bold">
          {t("rewards.catalog")}
        </h2>
        {catalog.rewards.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("rewards.empty")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {catalog.rewards.map((reward) => {
              const short = reward.cost - balance.available;
              const soldOut = reward.stock === 0;
              const limitHit = reward.perMemberLimit !== null && (usedByReward.get(reward.id) ?? 0) >= reward.perMemberLimit;
              const why = soldOut
                ? t("rewards.soldOut")
                : limitHit
                  ? t("rewards.limitHit")
                  : short > 0
                    ? t("rewards.needMore", { count: short })
                    : undefined;
              const whyId = `why-${reward.id}`;
              return (
                <li
                  key={reward.id}
                  className="flex flex-col overflow-hidden rounded-2xl border border-stone-300 bg-white"
                  data-testid="reward-card"
                >
                  {reward.imageUrl ? (
                    // biome-ignore lint/performance/noImgElement: staff give any HTTPS address; no image optimiser is configured for them
                    <img src={reward.imageUrl} alt="" className="h-40 w-full object-cover" loading="lazy" />
                  ) : null}
                  <div className="flex flex-1 flex-col gap-2 p-4">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <h3 className="break-words text-lg font-semibold">{reward.title}</h3>
                      <Badge>{t(`rewards.kinds.${reward.kind}`)}</Badge>
                    </div>
                    {reward.description ? <p className="whitespace-pre-line break-words text-stone-700">{reward.description}</p> : null}
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                      <dt className="text-stone-700">{t("rewards.cost")}</dt>
                      <dd className="font-semibold">{t("rewards.points", { count: reward.cost })}</dd>
                      <dt className="text-stone-700">{t("rewards.stock")}</dt>
                      <dd>{reward.stock === null ? t("rewards.unlimited") : t("rewards.left", { count: reward.stock })}</dd>
                      {reward.perMemberLimit !== null ? (
                        <>
                          <dt className="text-stone-700">{t("rewards.perMember")}</dt>
                          <dd>{format.number(reward.perMemberLimit)}</dd>
                        </>
                      ) : null}
                      {reward.endsAt ? (
                        <>
                          <dt className="text-stone-700">{t("rewards.until")}</dt>
                          <dd>{format.dateTime(reward.endsAt, { dateStyle: "medium" })}</dd>
                        </>
                      ) : null}
                    </dl>
                    <div className="mt-auto flex flex-col gap-1 pt-2">
                      <Button onClick={() => open(reward)} disabled={why !== undefined} aria-describedby={why ? whyId : undefined}>
                        {t("rewards.redeem")}
                        <span className="sr-only"> {reward.title}</span>
                      </Button>
                      {why ? (
                        <p id={whyId} className="text-sm text-stone-700">
                          {why}
                        </p>
                      ) : null}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="cause-title" className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="cause-title" className="text-lg font-bold">
          {t("rewards.causeTitle")}
        </h2>
        {catalog.cause.name ? <p className="font-semibold">{catalog.cause.name}</p> : null}
        <p className="text-stone-700" data-testid="cause-total">
          {t("rewards.causeTotal", { count: catalog.cause.total })}
        </p>
        <Link href="/points#donate-title" className="self-start font-semibold text-brand-700 underline underline-offset-4">
          {t("rewards.giveToCause")}
        </Link>
      </section>
      <MyRewards mine={mine} />
      <Dialog
        open={confirm !== null}
        onClose={() => !redeem.isPending && setConfirm(null)}
        title={t("rewards.confirmTitle")}
        testId="redeem-dialog"
      >
        {confirm ? (
          <>
            {error ? <Alert>{t(knownKey(t.has, error) as never)}</Alert> : null}
            <p className="font-semibold">{t("rewards.confirm", { count: confirm.cost, name: confirm.title })}</p>
            <p className="text-stone-700">{t("rewards.remaining", { count: Math.max(0, balance.available - confirm.cost) })}</p>
            <ConfirmActions
              confirmLabel={redeem.isPending ? t("rewards.redeeming") : t("rewards.confirmButton")}
              cancelLabel={t("common.cancel")}
              busy={redeem.isPending}
              onConfirm={() => void spend(confirm)}
              onCancel={() => setConfirm(null)}
            />
          </>
        ) : null}
      </Dialog>
      <PointsLiveToast />
    </>
  );
}

function MyRewards({ mine }: { mine: MyRedemption[] }) {
  const t = useTranslations("rewards");
  const format = useFormatter();
  return (
    <section aria-labelledby="mine-title" className="flex flex-col gap-3">
      <h2 id="mine-title" className="text-lg font-bold">
        {t("mine")}
      </h2>
      {mine.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("mineEmpty")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-300 bg-white px-4" data-testid="my-rewards">
          {mine.map(({ redemption: r, title }) => (
            <li key={r.id} className="flex flex-col gap-1 py-3" data-testid="my-reward">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="break-words font-semibold">{title}</p>
                <Badge tone={statusTone[r.status]}>{t(`status.${r.status}`)}</Badge>
              </div>
              <p className="text-sm text-stone-700">
                {t("voucher")}{" "}
                <code className="font-mono text-base font-bold tracking-wider text-stone-900" data-testid="my-voucher">
                  {r.voucherCode}
                </code>
              </p>
              <p className="text-sm text-stone-700">
                {t("points", { count: r.cost })} ·{" "}
                <time dateTime={r.createdAt.toISOString()}>{format.dateTime(r.createdAt, { dateStyle: "medium" })}</time>
              </p>
              {r.status === "cancelled" && r.cancelReason ? (
                <p className="text-sm text-stone-700">{t("cancelledBecause", { name: r.cancelReason })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

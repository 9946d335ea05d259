"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { Balance } from "./types";

/** The member's points, kept live by the page's points listener, with a way to the full history. */
export function BalanceLine({ balance }: { balance: Balance }) {
  const t = useTranslations("questsUi.balance");
  const format = useFormatter();
  return (
    <section
      aria-labelledby="quests-balance-title"
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-2xl bg-brand-900 px-4 py-3 text-white"
    >
      <div>
        <h2 id="quests-balance-title" className="text-sm font-semibold text-brand-100">
          {t("title")}
        </h2>
        <p className="flex flex-wrap items-baseline gap-x-2">
          <strong className="text-3xl font-bold tabular-nums" data-testid="quests-balance">
            {format.number(balance.available)}
          </strong>
          {balance.pending > 0 ? (
            <span className="text-sm text-brand-100" data-testid="quests-balance-pending">
              {t("pending", { count: balance.pending })}
            </span>
          ) : null}
        </p>
      </div>
      <Link
        href="/points"
        className="inline-flex min-h-11 items-center rounded-lg px-2 font-semibold text-white underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-white"
      >
        {t("history")}
      </Link>
    </section>
  );
}

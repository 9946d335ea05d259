"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { AUDIT_PAGE, FIRST_PAGE } from "../points/constants";
import type { AuditItem, AuditPage } from "../points/types";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

function Snapshot({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <details className="rounded-lg border border-stone-300 bg-stone-50">
      <summary className="min-h-11 cursor-pointer content-center rounded-lg px-3 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-brand-700">
        {label}
      </summary>
      <pre className="whitespace-pre-wrap break-all px-3 pb-3 font-mono text-xs text-stone-900">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** A reward's title where the snapshot has one; otherwise the target's kind and id. */
function useTargetText() {
  const t = useTranslations("audit.targets");
  return (item: AuditItem) => {
    const title = [item.after, item.before]
      .map((x) => (x && typeof x === "object" && "title" in x && typeof x.title === "string" ? x.title : undefined))
      .find(Boolean);
    const kind = t.has(item.targetType as never) ? t(item.targetType as never) : item.targetType;
    return { kind, detail: item.targetType === "tiers" ? undefined : (title ?? item.targetId) };
  };
}

/** Who did what, when, with the state before and after, newest first. */
export function AuditLog({ brandSlug, initial }: { brandSlug: string; initial: AuditPage }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { brandSlug, limit: AUDIT_PAGE },
      { getNextPageParam: (last) => last.nextCursor, initialData: { pages: [initial], pageParams: [FIRST_PAGE] } },
    ),
  );
  const targetText = useTargetText();
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-title" className="flex flex-col gap-3">
      <h2 id="audit-title" className="text-lg font-bold">
        {t("audit.title")}
      </h2>
      {items.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("audit.empty")}</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {items.map((item) => {
            const actionKey = `audit.actions.${item.action}`;
            const target = targetText(item);
            return (
              <li key={item.id} className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4" data-testid="audit-item">
                <h3 className="font-semibold">{t.has(actionKey) ? t(actionKey as never) : item.action}</h3>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-stone-700">{t("audit.who")}</dt>
                  <dd className="break-all">{item.actorName || item.actorEmail || t("audit.system")}</dd>
                  <dt className="text-stone-700">{t("audit.when")}</dt>
                  <dd>
                    <time dateTime={item.createdAt.toISOString()}>
                      {format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                    </time>
                  </dd>
                  <dt className="text-stone-700">{t("audit.what")}</dt>
                  <dd className="break-all">
                    {target.kind}
                    {target.detail ? <span className="block text-stone-700">{target.detail}</span> : null}
                  </dd>
                  {item.reason ? (
                    <>
                      <dt className="text-stone-700">{t("audit.reason")}</dt>
                      <dd className="break-words">{item.reason}</dd>
                    </>
                  ) : null}
                </dl>
                <Snapshot label={t("audit.before")} value={item.before} />
                <Snapshot label={t("audit.after")} value={item.after} />
              </li>
            );
          })}
        </ol>
      )}
      {log.isError ? <Alert>{t("errors.network")}</Alert> : null}
      {log.hasNextPage ? (
        <Button variant="secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? t("points.history.loading") : t("points.history.more")}
        </Button>
      ) : null}
    </section>
  );
}

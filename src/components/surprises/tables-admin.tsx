"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { usePrizeText } from "./format";
import { type Choice, TableForm } from "./table-form";
import type { StaffTable, TableStats } from "./types";

/** Every surprise table of the brand, archived ones apart, with create, edit, archive and each table's figures. */
export function TablesAdmin({
  brandSlug,
  initial,
  quests,
  rewards,
}: {
  brandSlug: string;
  initial: StaffTable[];
  quests: Choice[];
  rewards: Choice[];
}) {
  const t = useTranslations("surprisesStaff");
  const root = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tables = useQuery(trpc.surprises.list.queryOptions({ brandSlug }, { initialData: initial })).data;
  const archive = useMutation(trpc.surprises.archive.mutationOptions());
  const [editing, setEditing] = useState<StaffTable | "new" | null>(null);
  const [status, setStatus] = useState<string>();
  const [toArchive, setToArchive] = useState<StaffTable | null>(null);
  const [archiveError, setArchiveError] = useState<string>();
  const active = tables.filter((x) => !x.archived);
  const archived = tables.filter((x) => x.archived);

  const refresh = () => void queryClient.invalidateQueries(trpc.surprises.pathFilter());

  async function doArchive(table: StaffTable) {
    setArchiveError(undefined);
    try {
      await archive.mutateAsync({ brandSlug, tableId: table.id });
    } catch (err) {
      setArchiveError(splitError(err, []).alert);
      return;
    }
    setToArchive(null);
    setStatus(t("archived", { name: table.name }));
    refresh();
  }

  const startEdit = (table: StaffTable | "new") => {
    setStatus(undefined);
    setEditing(table);
  };

  return (
    <>
      {status ? <Alert tone="info">{status}</Alert> : null}
      {editing ? (
        <TableForm
          key={editing === "new" ? "new" : editing.id}
          brandSlug={brandSlug}
          table={editing === "new" ? null : editing}
          quests={quests}
          rewards={rewards}
          onCancel={() => setEditing(null)}
          onSaved={(name) => {
            setStatus(editing === "new" ? t("created", { name }) : t("saved", { name }));
            setEditing(null);
            refresh();
          }}
        />
      ) : (
        <Button className="self-start" onClick={() => startEdit("new")}>
          {t("new")}
        </Button>
      )}
      <section aria-labelledby="active-tables" className="flex flex-col gap-3">
        <h2 id="active-tables" className="text-lg font-bold">
          {t("activeTitle")}
        </h2>
        {active.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("empty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {active.map((table) => (
              <TableCard
                key={table.id}
                brandSlug={brandSlug}
                table={table}
                onEdit={() => startEdit(table)}
                onArchive={() => {
                  setArchiveError(undefined);
                  setToArchive(table);
                }}
              />
            ))}
          </ul>
        )}
      </section>
      {archived.length > 0 ? (
        <details className="flex flex-col gap-3">
          <summary className="min-h-11 cursor-pointer content-center text-lg font-bold">
            {t("archivedTitle", { count: archived.length })}
          </summary>
          <ul className="mt-3 flex flex-col gap-3">
            {archived.map((table) => (
              <TableCard key={table.id} brandSlug={brandSlug} table={table} />
            ))}
          </ul>
        </details>
      ) : null}
      <Dialog open={toArchive !== null} onClose={() => !archive.isPending && setToArchive(null)} title={t("archiveTitle")}>
        {toArchive ? (
          <>
            {archiveError ? <Alert>{root(knownKey(root.has, archiveError) as never)}</Alert> : null}
            <p>{t("archiveBody", { name: toArchive.name })}</p>
            <ConfirmActions
              confirmLabel={t("archive")}
              cancelLabel={root("common.cancel")}
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

function TableCard({
  brandSlug,
  table,
  onEdit,
  onArchive,
}: {
  brandSlug: string;
  table: StaffTable;
  onEdit?: () => void;
  onArchive?: () => void;
}) {
  const t = useTranslations("surprisesStaff");
  const root = useTranslations();
  const format = useFormatter();
  const prizeText = usePrizeText();
  const [showStats, setShowStats] = useState(false);
  const n = (x: number) => format.number(x);
  const total = table.prizes.reduce((s, p) => s + p.weight, 0);
  return (
    <li
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="staff-surprise-table"
      data-table-id={table.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="break-words text-lg font-semibold">{table.name}</h3>
          <p className="text-sm font-semibold text-brand-800" data-testid="staff-table-trigger">
            {t(`triggers.${table.trigger.kind}`)}
            {table.trigger.questTitle ? ` · ${table.trigger.questTitle}` : ""}
          </p>
        </div>
        <Badge tone={table.archived ? "grey" : "green"}>{table.archived ? t("states.archived") : t("states.active")}</Badge>
      </div>
      <ul className="flex flex-col gap-1 text-sm">
        {table.prizes.map((p) => (
          <li key={p.id} className="flex justify-between gap-2">
            <span className="break-words">{prizeText({ kind: p.kind, label: p.label, points: p.points })}</span>
            <span className="shrink-0 tabular-nums text-stone-700">
              {format.number(p.weight / total, { style: "percent", maximumFractionDigits: 1 })}
            </span>
          </li>
        ))}
      </ul>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-stone-700">{t("dailyBudgetShort")}</dt>
        <dd>{t("spentOf", { spent: n(table.spentToday), budget: n(table.dailyBudget) })}</dd>
        <dt className="text-stone-700">{t("totalBudgetShort")}</dt>
        <dd>{t("spentOf", { spent: n(table.spentTotal), budget: n(table.totalBudget) })}</dd>
        <dt className="text-stone-700">{t("pityShort")}</dt>
        <dd>{table.pityAfter ? t("pityAfterN", { count: table.pityAfter }) : t("pityOffShort")}</dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        {onEdit ? (
          <Button variant="secondary" onClick={onEdit}>
            {root("common.edit")}
            <span className="sr-only"> {table.name}</span>
          </Button>
        ) : null}
        {onArchive ? (
          <Button variant="secondary" onClick={onArchive}>
            {t("archive")}
            <span className="sr-only"> {table.name}</span>
          </Button>
        ) : null}
        <Button variant="secondary" aria-expanded={showStats} onClick={() => setShowStats((s) => !s)}>
          {showStats ? t("hideStats") : t("showStats")}
          <span className="sr-only"> {table.name}</span>
        </Button>
      </div>
      {showStats ? <StatsPanel brandSlug={brandSlug} tableId={table.id} /> : null}
    </li>
  );
}

function StatsPanel({ brandSlug, tableId }: { brandSlug: string; tableId: string }) {
  const t = useTranslations("surprisesStaff.stats");
  const trpc = useTRPC();
  const query = useQuery(trpc.surprises.stats.queryOptions({ brandSlug, tableId }));
  return (
    <section
      aria-label={t("title")}
      aria-busy={query.isPending}
      className="flex flex-col gap-3 rounded-xl bg-stone-100 p-3"
      data-testid="surprise-stats"
    >
      {query.data ? (
        <Figures stats={query.data} />
      ) : query.isError ? (
        <Alert>{t("loadError")}</Alert>
      ) : (
        <p className="text-stone-700">{t("loading")}</p>
      )}
    </section>
  );
}

function Figures({ stats }: { stats: TableStats }) {
  const t = useTranslations("surprisesStaff.stats");
  const format = useFormatter();
  const n = (x: number) => format.number(x);
  const figures = [
    ["draws", stats.draws],
    ["wins", stats.wins],
    ["pityWins", stats.pityWins],
    ["budgetLimited", stats.budgetLimited],
    ["pointsPaid", stats.pointsPaid],
    ["spentToday", stats.spentToday],
    ["spentTotal", stats.spentTotal],
  ] as const;
  return (
    <>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {figures.map(([key, value]) => (
          <div key={key} className="flex flex-col rounded-lg bg-white p-2">
            <dt className="text-sm text-stone-700">{t(key)}</dt>
            <dd className="text-lg font-bold tabular-nums" data-testid={`surprise-stat-${key}`}>
              {n(value)}
            </dd>
          </div>
        ))}
      </dl>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left font-semibold">{t("byPrize")}</caption>
          <thead>
            <tr className="text-stone-700">
              <th scope="col" className="py-1 pr-2 font-semibold">
                {t("prize")}
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-semibold">
                {t("observed")}
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {t("expected")}
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.byPrize.map((p) => (
              <tr key={p.prizeId} className="border-t border-stone-300">
                <td className="py-1 pr-2 break-words">{p.label}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{n(p.count)}</td>
                <td className="py-1 text-right tabular-nums">{format.number(p.expected, { maximumFractionDigits: 1 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-stone-700">{t("note")}</p>
    </>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { FairnessCard } from "./fairness-card";
import { MyDraws } from "./my-draws";
import { OddsCard } from "./odds-card";
import type { MinePage, TablesData } from "./types";

/** The odds page: every active table, the fairness proof and, for a member, their own draws. Refetched after each win. */
export function SurprisesView({ brandSlug, initial, mine }: { brandSlug: string; initial: TablesData; mine: MinePage | null }) {
  const t = useTranslations("surprises");
  const trpc = useTRPC();
  const { data } = useQuery(trpc.surprises.tables.queryOptions({ brandSlug }, { initialData: initial }));
  const { tables, commitment, previous } = data;
  return (
    <div className="flex flex-col gap-5">
      {tables.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="no-tables">
          {t("noTables")}
        </p>
      ) : (
        tables.map((table) => <OddsCard key={table.id} table={table} />)
      )}
      {mine ? <MyDraws brandSlug={brandSlug} initial={mine} /> : null}
      <FairnessCard brandSlug={brandSlug} commitment={commitment} previous={previous} />
    </div>
  );
}

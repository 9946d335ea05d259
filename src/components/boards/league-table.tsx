"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { League, LeagueRow } from "./types";

type Zone = LeagueRow["zone"];

const zoneLook: Record<Zone, { row: string; head: string; mark: string }> = {
  promote: { row: "border-l-4 border-l-brand-600", head: "bg-brand-100 text-brand-900", mark: "▲" },
  stay: { row: "border-l-4 border-l-transparent", head: "bg-stone-100 text-stone-800", mark: "" },
  demote: { row: "border-l-4 border-l-red-600", head: "bg-red-100 text-red-900", mark: "▼" },
};

/**
 * The member's group this week, best first. The promotion and demotion zones are separate row groups,
 * each opened by a heading row that says what happens to them, so the zones do not rest on colour alone.
 */
export function LeagueTable({ league }: { league: League }) {
  const t = useTranslations("leaguesUi");
  const format = useFormatter();
  const up = league.divisions[league.division + 1] ?? "";
  const down = league.divisions[league.division - 1] ?? "";
  const groups: { zone: Zone; rows: LeagueRow[] }[] = [];
  for (const row of league.rows) {
    const last = groups.at(-1);
    if (last?.zone === row.zone) last.rows.push(row);
    else groups.push({ zone: row.zone, rows: [row] });
  }
  const headOf = (zone: Zone, count: number) =>
    zone === "promote"
      ? t("zone.promote", { count: league.promote, division: up })
      : zone === "demote"
        ? t("zone.demote", { count: league.demote, division: down })
        : t("zone.stay", { count, division: league.divisionName });
  const zoned = groups.some((g) => g.zone !== "stay");
  return (
    <table className="w-full table-fixed border-separate border-spacing-0 text-sm" data-testid="cohort">
      <caption className="pb-2 text-left text-base font-semibold">{t("tableCaption", { count: league.rows.length })}</caption>
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-stone-700">
          <th scope="col" className="w-14 px-2 py-1 font-semibold sm:w-16">
            {t("col.rank")}
          </th>
          <th scope="col" className="px-2 py-1 font-semibold">
            {t("col.member")}
          </th>
          <th scope="col" className="w-20 px-2 py-1 text-right font-semibold sm:w-24">
            {t("col.points")}
          </th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={`${g.zone}-${g.rows[0]?.rank ?? 0}`} data-zone={g.zone}>
          {zoned ? (
            <tr>
              <th scope="rowgroup" colSpan={3} className={`rounded-md px-2 py-1.5 text-left text-xs font-bold ${zoneLook[g.zone].head}`}>
                {zoneLook[g.zone].mark ? (
                  <span aria-hidden="true" className="mr-1">
                    {zoneLook[g.zone].mark}
                  </span>
                ) : null}
                <span data-testid={`zone-${g.zone}`}>{headOf(g.zone, g.rows.length)}</span>
              </th>
            </tr>
          ) : null}
          {g.rows.map((row) => (
            <tr
              key={row.rank}
              data-rank={row.rank}
              data-zone={row.zone}
              data-member-id={row.memberId ?? undefined}
              data-me={row.me ? "true" : undefined}
              aria-current={row.me ? "true" : undefined}
              className={row.me ? "bg-brand-50 font-semibold" : ""}
            >
              <td className={`px-2 py-2 tabular-nums ${zoneLook[row.zone].row}`}>{row.rank}</td>
              <td className="px-2 py-2">
                <span className="flex min-w-0 items-center gap-2">
                  {row.handle === null ? (
                    <span className="truncate italic text-stone-700">{t("privateMember")}</span>
                  ) : (
                    <span className="truncate">@{row.handle}</span>
                  )}
                  {row.me ? (
                    <span className="shrink-0 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">{t("you")}</span>
                  ) : null}
                </span>
              </td>
              <td className="px-2 py-2 text-right tabular-nums">{format.number(row.points)}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

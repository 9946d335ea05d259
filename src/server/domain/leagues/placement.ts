import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf, type Tx } from "../../db/client";
import { addDays } from "../quests/periods";

export const DEFAULT_LEAGUE = {
  cohortSize: 30,
  promote: 7,
  demote: 5,
  prizes: [100, 50, 25],
  divisions: ["Bronze", "Silver", "Gold", "Sapphire", "Diamond"],
};

export type LeagueSettings = typeof DEFAULT_LEAGUE;

export async function leagueSettings(tx: DbOrTx, brandId: string): Promise<LeagueSettings> {
  const [row] = rowsOf<{ cohort_size: number; promote: number; demote: number; prizes: unknown; divisions: unknown }>(
    await tx.execute(sql`select cohort_size, promote, demote, prizes, divisions from league_settings where brand_id = ${brandId}`),
  );
  if (!row) return DEFAULT_LEAGUE;
  const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
  return {
    cohortSize: row.cohort_size,
    promote: row.promote,
    demote: row.demote,
    prizes: json<number[]>(row.prizes),
    divisions: json<string[]>(row.divisions),
  };
}

export function previousWeek(week: string): string {
  return `w${addDays(week.slice(1), -7)}`;
}

/**
 * Puts a member who just earned their first points of `week` into the first cohort of their division with
 * room. Waits (returns false) while last week, in which they played, is not settled yet: the reset
 * decides their division and places them afterwards.
 */
export async function placeInLeague(tx: Tx, brandId: string, memberId: string, week: string): Promise<boolean> {
  const [m] = rowsOf<{ division: number; left_at: Date | null; waiting: boolean; placed: boolean }>(
    await tx.execute(sql`
      with ins as (
        insert into league_members (member_id, brand_id) values (${memberId}, ${brandId})
        on conflict (member_id) do nothing
        returning division, left_at
      ), cur as (
        select division, left_at from ins union all select division, left_at from league_members where member_id = ${memberId}
      )
      select cur.division, cur.left_at,
        exists (select 1 from league_entries e where e.member_id = ${memberId} and e.week = ${previousWeek(week)})
          and not exists (select 1 from league_weeks w where w.brand_id = ${brandId} and w.week = ${previousWeek(week)}) as waiting,
        exists (select 1 from league_entries e where e.member_id = ${memberId} and e.week = ${week}) as placed
      from cur limit 1`),
  );
  if (!m || m.left_at || m.waiting || m.placed) return false;
  const settings = await leagueSettings(tx, brandId);
  const division = Math.min(m.division, settings.divisions.length - 1);
  // Placements into one division's cohorts take turns (once per member per week, so this is rare):
  // with row locks alone, "first cohort with room" can come back empty while another fills it.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`league:${brandId}:${week}:${division}`}))`);
  const [open] = rowsOf<{ id: number }>(
    await tx.execute(sql`
      select id from league_cohorts
      where brand_id = ${brandId} and week = ${week} and division = ${division} and size < ${settings.cohortSize}
      order by number limit 1`),
  );
  let cohortId = open?.id;
  if (cohortId === undefined) {
    const [made] = rowsOf<{ id: number }>(
      await tx.execute(sql`
        insert into league_cohorts (brand_id, week, division, number)
        select ${brandId}, ${week}, ${division}, coalesce(max(number), 0) + 1
        from league_cohorts where brand_id = ${brandId} and week = ${week} and division = ${division}
        returning id`),
    );
    if (!made) throw new Error("cohort insert returned nothing");
    cohortId = made.id;
  }
  const inserted = rowsOf<{ member_id: string }>(
    await tx.execute(sql`
      insert into league_entries (cohort_id, member_id, brand_id, week) values (${cohortId}, ${memberId}, ${brandId}, ${week})
      on conflict do nothing returning member_id`),
  );
  if (inserted.length > 0) await tx.execute(sql`update league_cohorts set size = size + 1 where id = ${cohortId}`);
  return inserted.length > 0;
}

import { sql } from "drizzle-orm";
import { type Db, type DbOrTx, rowsOf } from "../../db/client";
import { brandTimeZone, periodEndsAt, periodKey } from "../boards/boards";
import { emitEvent } from "../events/outbox";
import { awardInTx, inTransaction } from "../points/ledger";
import { leagueSettings, placeInLeague } from "./placement";

export type Outcome = "promoted" | "stayed" | "demoted";

/** A cohort's zones: the top `promote` move up, the bottom `demote` move down; promotion wins an overlap. */
export function outcomeAt(
  position: number,
  size: number,
  division: number,
  s: { promote: number; demote: number; divisions: unknown[] },
): Outcome {
  if (position <= s.promote && division < s.divisions.length - 1) return "promoted";
  if (position > Math.max(s.promote, size - s.demote) && division > 0) return "demoted";
  return "stayed";
}

interface Standing {
  member_id: string;
  user_id: string;
  score: number | string;
}

/** A cohort in board order: week points, then who reached them first, then member id. */
export async function cohortStandings(db: DbOrTx, cohortId: number, week: string): Promise<Standing[]> {
  return rowsOf<Standing>(
    await db.execute(sql`
      select e.member_id, m.user_id, coalesce(s.score, 0) as score
      from league_entries e
      join memberships m on m.id = e.member_id
      left join board_scores s on s.brand_id = e.brand_id and s.board = 'points' and s.period = ${week} and s.member_id = e.member_id
      where e.cohort_id = ${cohortId}
      order by coalesce(s.score, 0) desc, s.reached_at asc nulls last, e.member_id asc`),
  );
}

export interface SettleReport {
  settled: boolean;
  cohorts: number;
  promoted: number;
  demoted: number;
  prizesPaid: number;
}

/**
 * Closes a week's leagues: final ranks, promotions, demotions and prizes, in one transaction. The
 * league_weeks row is the once-only guard: a second run (another server, a retry) blocks on it and then
 * finds it taken. Prizes also carry an idempotency key per member and week.
 */
export async function settleWeek(db: Db, brandId: string, week: string): Promise<SettleReport> {
  const report = await inTransaction(db, async (tx) => {
    const claimed = rowsOf<{ week: string }>(
      await tx.execute(sql`insert into league_weeks (brand_id, week) values (${brandId}, ${week}) on conflict do nothing returning week`),
    );
    const r: SettleReport = { settled: claimed.length > 0, cohorts: 0, promoted: 0, demoted: 0, prizesPaid: 0 };
    if (!r.settled) return r;
    const settings = await leagueSettings(tx, brandId);
    const cohorts = rowsOf<{ id: number; division: number }>(
      await tx.execute(
        sql`select id, division from league_cohorts where brand_id = ${brandId} and week = ${week} order by division, number`,
      ),
    );
    const moves: { memberId: string; delta: number }[] = [];
    for (const c of cohorts) {
      const standings = await cohortStandings(tx, c.id, week);
      r.cohorts++;
      for (const [i, s] of standings.entries()) {
        const position = i + 1;
        const points = Number(s.score);
        const outcome = outcomeAt(position, standings.length, c.division, settings);
        const prize = points > 0 ? (settings.prizes[i] ?? 0) : 0;
        await tx.execute(sql`
          update league_entries set final_rank = ${position}, final_points = ${points}, outcome = ${outcome}, prize = ${prize}
          where member_id = ${s.member_id} and week = ${week}`);
        if (prize > 0) {
          const paid = await awardInTx(tx, {
            member: { brandId, memberId: s.member_id, userId: s.user_id },
            base: prize,
            source: "league",
            sourceId: week,
            reason: `league:${settings.divisions[c.division] ?? c.division}:${position}`,
            key: `league:${week}:${s.member_id}`,
          });
          if (paid && !paid.replayed) r.prizesPaid += paid.entry.amount;
        }
        if (outcome !== "stayed") moves.push({ memberId: s.member_id, delta: outcome === "promoted" ? 1 : -1 });
        if (outcome === "promoted") r.promoted++;
        if (outcome === "demoted") r.demoted++;
        await emitEvent(tx, `user:${s.user_id}`, "league:settled", { week, position, outcome, prize });
      }
    }
    // Divisions change after every prize is paid: balance locks first, league rows second (as awards do).
    for (const m of moves) {
      await tx.execute(sql`update league_members set division = greatest(0, division + ${m.delta}) where member_id = ${m.memberId}`);
    }
    await tx.execute(sql`
      update league_weeks set cohorts = ${r.cohorts}, promoted = ${r.promoted}, demoted = ${r.demoted}, prizes_paid = ${r.prizesPaid}
      where brand_id = ${brandId} and week = ${week}`);
    return r;
  });
  return report;
}

/** Places members who earned points in `week` before last week was settled. */
export async function placeWaiting(db: Db, brandId: string, week: string): Promise<number> {
  const waiting = rowsOf<{ member_id: string }>(
    await db.execute(sql`
      select s.member_id from board_scores s
      where s.brand_id = ${brandId} and s.board = 'points' and s.period = ${week}
        and not exists (select 1 from league_entries e where e.member_id = s.member_id and e.week = ${week})
        and not exists (select 1 from league_members m where m.member_id = s.member_id and m.left_at is not null)
      order by s.reached_at, s.member_id`),
  );
  let placed = 0;
  for (const w of waiting) {
    if (await inTransaction(db, (tx) => placeInLeague(tx, brandId, w.member_id, week))) placed++;
  }
  return placed;
}

/**
 * Settles every ended week of a brand that has cohorts and no settlement yet, oldest first, then places
 * the members waiting for it. Safe to run from any number of servers at once.
 */
export async function resetLeagues(db: Db, brandId: string, now = new Date()): Promise<SettleReport[]> {
  const zone = await brandTimeZone(db, brandId);
  const current = periodKey("week", now, zone);
  const due = rowsOf<{ week: string }>(
    await db.execute(sql`
      select distinct c.week from league_cohorts c
      where c.brand_id = ${brandId} and c.week < ${current}
        and not exists (select 1 from league_weeks w where w.brand_id = c.brand_id and w.week = c.week)
      order by c.week`),
  );
  const reports: SettleReport[] = [];
  for (const d of due) {
    const end = periodEndsAt(d.week, zone);
    if (end && end.getTime() <= now.getTime()) reports.push(await settleWeek(db, brandId, d.week));
  }
  if (due.length > 0) await placeWaiting(db, brandId, current);
  return reports;
}

export async function runLeagueJobs(db: Db, now = new Date()) {
  const brandsWithLeagues = rowsOf<{ brand_id: string }>(await db.execute(sql`select distinct brand_id from league_cohorts`));
  let settled = 0;
  for (const b of brandsWithLeagues) settled += (await resetLeagues(db, b.brand_id, now)).filter((r) => r.settled).length;
  return { settled };
}

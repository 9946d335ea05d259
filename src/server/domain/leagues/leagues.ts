import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { audit } from "../audit/audit";
import { brandTimeZone, periodEndsAt, periodKey } from "../boards/boards";
import { inTransaction, type Member } from "../points/ledger";
import { type LeagueSettings, leagueSettings, placeInLeague, previousWeek } from "./placement";
import { cohortStandings, outcomeAt, resetLeagues } from "./reset";

/**
 * The member's league this week: their cohort in order, the zones, the time left, and how last week ended.
 * Settles an ended week first (idempotent), so nobody sees a stale league on Monday morning.
 */
export async function mine(db: Db, member: Member, now = new Date()) {
  await resetLeagues(db, member.brandId, now);
  const zone = await brandTimeZone(db, member.brandId);
  const week = periodKey("week", now, zone);
  const settings = await leagueSettings(db, member.brandId);
  const [lm] = rowsOf<{ division: number; left_at: Date | string | null }>(
    await db.execute(sql`select division, left_at from league_members where member_id = ${member.memberId}`),
  );
  const [entry] = rowsOf<{ cohort_id: number; division: number; number: number }>(
    await db.execute(sql`
      select e.cohort_id, c.division, c.number from league_entries e join league_cohorts c on c.id = e.cohort_id
      where e.member_id = ${member.memberId} and e.week = ${week}`),
  );
  const [last] = rowsOf<{ final_rank: number | null; outcome: string | null; prize: number | null; division: number }>(
    await db.execute(sql`
      select e.final_rank, e.outcome, e.prize, c.division from league_entries e join league_cohorts c on c.id = e.cohort_id
      where e.member_id = ${member.memberId} and e.week = ${previousWeek(week)}`),
  );
  const division = entry?.division ?? Math.min(lm?.division ?? 0, settings.divisions.length - 1);
  let rows: {
    memberId: string | null;
    handle: string | null;
    points: number;
    rank: number;
    zone: "promote" | "stay" | "demote";
    me: boolean;
  }[] = [];
  if (entry) {
    const standings = await cohortStandings(db, entry.cohort_id, week);
    const people = new Map(
      rowsOf<{ id: string; handle: string; hidden: boolean }>(
        await db.execute(sql`
          select m.id, m.handle, (m.boards_hidden or m.boards_excluded_at is not null) as hidden
          from league_entries e join memberships m on m.id = e.member_id where e.cohort_id = ${entry.cohort_id}`),
      ).map((p) => [p.id, p]),
    );
    rows = standings.map((s, i) => {
      const who = people.get(s.member_id);
      const me = s.member_id === member.memberId;
      // Private members still compete, but others see neither their name nor their id.
      const masked = !me && !!who?.hidden;
      const outcome = outcomeAt(i + 1, standings.length, entry.division, settings);
      return {
        memberId: masked ? null : s.member_id,
        handle: masked ? null : (who?.handle ?? null),
        points: Number(s.score),
        rank: i + 1,
        zone: outcome === "promoted" ? "promote" : outcome === "demoted" ? "demote" : "stay",
        me,
      };
    });
  }
  return {
    week,
    endsAt: periodEndsAt(week, zone)?.toISOString() ?? null,
    joined: !lm?.left_at,
    placed: !!entry,
    division,
    divisionName: settings.divisions[division] ?? "",
    divisions: settings.divisions,
    cohort: entry ? entry.number : null,
    promote: division < settings.divisions.length - 1 ? settings.promote : 0,
    demote: division > 0 ? settings.demote : 0,
    prizes: settings.prizes,
    cohortSize: settings.cohortSize,
    rows,
    lastWeek: last
      ? { rank: last.final_rank, outcome: last.outcome, prize: last.prize ?? 0, divisionName: settings.divisions[last.division] ?? "" }
      : null,
  };
}

/** Leaving takes the member out of this week's cohort at once (no prize) and out of future weeks. */
export async function leave(db: Db, member: Member, now = new Date()) {
  const zone = await brandTimeZone(db, member.brandId);
  const week = periodKey("week", now, zone);
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`
      insert into league_members (member_id, brand_id, left_at) values (${member.memberId}, ${member.brandId}, ${now.toISOString()}::timestamptz)
      on conflict (member_id) do update set left_at = excluded.left_at`);
    const gone = rowsOf<{ cohort_id: number }>(
      await tx.execute(sql`delete from league_entries where member_id = ${member.memberId} and week = ${week} returning cohort_id`),
    );
    for (const g of gone) await tx.execute(sql`update league_cohorts set size = size - 1 where id = ${g.cohort_id}`);
    return { joined: false };
  });
}

/** Back in: placed at once when the member already has points this week, else with their next points. */
export async function join(db: Db, member: Member, now = new Date()) {
  const zone = await brandTimeZone(db, member.brandId);
  const week = periodKey("week", now, zone);
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`update league_members set left_at = null where member_id = ${member.memberId}`);
    const [has] = rowsOf<{ n: number | string }>(
      await tx.execute(sql`
        select count(*) as n from board_scores
        where brand_id = ${member.brandId} and board = 'points' and period = ${week} and member_id = ${member.memberId}`),
    );
    const placed = Number(has?.n ?? 0) > 0 ? await placeInLeague(tx, member.brandId, member.memberId, week) : false;
    return { joined: true, placed };
  });
}

export async function settingsOf(db: Db, brandId: string): Promise<LeagueSettings> {
  return leagueSettings(db, brandId);
}

/** Staff change size, zones, prizes and division names; cohorts already formed keep their members. */
export async function configure(db: Db, a: { brandId: string; actorUserId: string; settings: LeagueSettings }) {
  return inTransaction(db, async (tx) => {
    const before = await leagueSettings(tx, a.brandId);
    const s = a.settings;
    await tx.execute(sql`
      insert into league_settings (brand_id, cohort_size, promote, demote, prizes, divisions)
      values (${a.brandId}, ${s.cohortSize}, ${s.promote}, ${s.demote}, ${JSON.stringify(s.prizes)}::jsonb, ${JSON.stringify(s.divisions)}::jsonb)
      on conflict (brand_id) do update set cohort_size = excluded.cohort_size, promote = excluded.promote, demote = excluded.demote,
        prizes = excluded.prizes, divisions = excluded.divisions`);
    await audit(tx, {
      brandId: a.brandId,
      actorUserId: a.actorUserId,
      action: "leagues.configure",
      targetType: "leagues",
      targetId: a.brandId,
      before,
      after: s,
    });
    return s;
  });
}

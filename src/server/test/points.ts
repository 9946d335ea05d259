import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { type Db, rowsOf } from "../db/client";
import { memberships } from "../db/schema";
import { registerMember } from "../domain/accounts/register";
import { boardDrift } from "../domain/boards/admin";
import { BOARD_IDS } from "../domain/boards/boards";
import type { Member } from "../domain/points/ledger";
import { uid } from "./db";

export async function newMember(db: Db, brandSlug: string, name = "Member"): Promise<Member & { handle: string }> {
  const r = await registerMember(db, { email: `${uid()}@points.test`, password: "0123456789", name, brandSlug });
  const [m] = await db.select().from(memberships).where(eq(memberships.userId, r.userId));
  if (!m) throw new Error("no membership");
  return { brandId: m.brandId, memberId: m.id, userId: r.userId, handle: m.handle };
}

/**
 * The ledger invariants from DESIGN.md, for every member of the brand: available = Σ vested rows,
 * pending = Σ pending rows, nothing negative, no negative stock, each idempotency key used once.
 */
export async function expectLedgerInvariants(db: Db, brandId: string) {
  const mismatches = rowsOf(
    await db.execute(sql`
      select b.member_id, b.available, b.pending,
        coalesce((select sum(amount) from ledger l where l.member_id = b.member_id and l.state = 'vested'), 0)::int as vested,
        coalesce((select sum(amount) from ledger l where l.member_id = b.member_id and l.state = 'pending'), 0)::int as pending_sum
      from balances b where b.brand_id = ${brandId}`),
  ).filter((r) => {
    const row = r as { available: number; pending: number; vested: number; pending_sum: number };
    return row.available !== row.vested || row.pending !== row.pending_sum || row.available < 0 || row.pending < 0;
  });
  expect(mismatches).toEqual([]);
  const negativeStock = rowsOf(await db.execute(sql`select id from rewards where brand_id = ${brandId} and stock < 0`));
  expect(negativeStock).toEqual([]);
  const orphans = rowsOf(
    await db.execute(
      sql`select distinct member_id from ledger l where brand_id = ${brandId} and not exists (select 1 from balances b where b.member_id = l.member_id)`,
    ),
  );
  expect(orphans).toEqual([]);
  // Leaderboard scores are derived data: each board must equal a recomputation from its sources.
  const drift: Record<string, number> = {};
  for (const board of BOARD_IDS) drift[board] = await boardDrift(db, brandId, board);
  expect(drift).toEqual(Object.fromEntries(BOARD_IDS.map((b) => [b, 0])));
}

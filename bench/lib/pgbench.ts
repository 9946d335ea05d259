import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "./proc";
import { Recorder, type Sample } from "./stats";

// The SQL of award() (src/server/domain/points/ledger.ts) as drizzle sends it, one statement per
// round trip, for a staff award of a vested amount. Values the app computes in JavaScript come from
// the rows the script has read (\gset), so balances and ledger stay consistent:
//   - the multiplier is read from the member's current tier inside the ledger INSERT … SELECT
//     (award() picks it in JS from the tiers it loaded; settleTier() never changes the tier here:
//     no member comes near the first threshold, so neither its UPDATE nor the promotion path runs);
//   - timestamps are now() instead of bound parameters; the payload hash is a constant;
//   - the event payload is built with jsonb_build_object instead of JSON.stringify in Node.
// pgbench replaces ":name" even inside string literals, so literals with a colon come in as -D values.

const PICK_MEMBER = `\\set n random(1, :members)
SELECT member_id, brand_id, user_id, handle FROM bench_members WHERE n = :n \\gset`;

const LOCK_BALANCE = `INSERT INTO balances (member_id, brand_id, available, pending, lifetime_earned, tier_rank, tier_since, qualified_until, last_activity_at, updated_at)
  VALUES (:member_id, :brand_id, default, default, default, default, now(), now() + interval '365 days', now(), default)
  ON CONFLICT DO NOTHING;
SELECT member_id, brand_id, available, pending, lifetime_earned, tier_rank, tier_since, qualified_until, last_activity_at, updated_at
  FROM balances WHERE member_id = :member_id FOR UPDATE`;

const TIER_POINTS = `SELECT coalesce(sum(points), 0)::int AS tier_points FROM tier_points_monthly WHERE member_id = :member_id AND month >= :since`;

const TRANSACTION = `BEGIN;
-- lockBalance()
${LOCK_BALANCE} \\gset b_
-- loadTiers()
SELECT rank, name, threshold, multiplier_bp, perks FROM tiers WHERE brand_id = :brand_id ORDER BY rank ASC;
-- tierPointsOf() for settleTier() before the award
${TIER_POINTS};
-- insertEntry()
INSERT INTO ledger (brand_id, member_id, amount, base_amount, multiplier_bp, kind, source_type, source_id, reason, state,
                    idempotency_key, payload_hash, created_at, vests_at, settled_at)
  SELECT :brand_id::uuid, :member_id::uuid, (:amount::int * t.multiplier_bp) / 100, :amount::int, t.multiplier_bp, 'earn'::ledger_kind,
         'staff'::ledger_source, :actor::text, :reason::text, 'vested'::ledger_state,
         :key_prefix::text || gen_random_uuid(), :payload_hash::text, now(), NULL, now()
  FROM tiers t WHERE t.brand_id = :brand_id::uuid AND t.rank = :b_tier_rank::int
  ON CONFLICT DO NOTHING
  RETURNING id, brand_id, member_id, amount, base_amount, multiplier_bp, kind, source_type, source_id, reason, state, idempotency_key,
            payload_hash, counterparty_id, related_id, actor_user_id, created_at, vests_at, expires_at, settled_at \\gset e_
-- saveBalance()
UPDATE balances SET available = :b_available::int + :e_amount::int, lifetime_earned = :b_lifetime_earned::int + :e_amount::int,
                    last_activity_at = now(), updated_at = now()
  WHERE member_id = :member_id;
-- addTierPoints()
INSERT INTO tier_points_monthly (member_id, month, points) VALUES (:member_id, :month, :e_amount::int)
  ON CONFLICT (member_id, month) DO UPDATE SET points = greatest(0, tier_points_monthly.points + :e_amount::int);
-- second lockBalance() and tierPointsOf() for settleTier() after the award
${LOCK_BALANCE};
${TIER_POINTS};
-- viewAfter()
SELECT member_id, brand_id, available, pending, lifetime_earned, tier_rank, tier_since, qualified_until, last_activity_at, updated_at
  FROM balances WHERE member_id = :member_id \\gset v_
${TIER_POINTS} \\gset v_
-- emitEvent(): topic sequence + outbox row, then NOTIFY
WITH s AS (
  INSERT INTO topic_seqs (topic, seq) VALUES (:topic_prefix::text || :user_id::text, 1)
  ON CONFLICT (topic) DO UPDATE SET seq = topic_seqs.seq + 1
  RETURNING seq
)
INSERT INTO events (topic, seq, type, payload)
  SELECT :topic_prefix::text || :user_id::text, s.seq, :event_type::text, jsonb_build_object(
    'brandId', :brand_id::text,
    'balance', jsonb_build_object('available', :v_available::int, 'pending', :v_pending::int, 'lifetimeEarned', :v_lifetime_earned::int,
      'tierPoints', :v_tier_points::int, 'tierRank', :v_tier_rank::int,
      'tierName', (SELECT name FROM tiers WHERE brand_id = :brand_id::uuid AND rank = :v_tier_rank::int)),
    'entry', jsonb_build_object('id', :e_id::bigint, 'amount', :e_amount::int, 'baseAmount', :e_base_amount::int,
      'multiplierBp', :e_multiplier_bp::int, 'kind', 'earn', 'sourceType', 'staff', 'sourceId', :e_source_id::text,
      'reason', :e_reason::text, 'state', 'vested', 'createdAt', :e_created_at::timestamptz))
  FROM s RETURNING seq;
SELECT pg_notify('sadiq_events', '');
COMMIT;`;

/** award(): the transaction alone, for a random member. */
export const AWARD_SQL = `-- Generated by bench/award.ts: the SQL transaction of award() in src/server/domain/points/ledger.ts.
-- Variables (-D): members, since, month, amount, reason, actor, payload_hash, key_prefix, topic_prefix, event_type.
${PICK_MEMBER}
${TRANSACTION}
`;

/** The whole points.award request: staff check, handle lookup, the transaction, the audit row. */
export const AWARD_REQUEST_SQL = `-- Generated by bench/award.ts: all SQL of one POST /api/trpc/points.award (src/server/api/routers/points.ts).
-- Variables (-D): members, since, month, amount, reason, actor, payload_hash, key_prefix, topic_prefix, event_type, slug.
\\set n random(1, :members)
SELECT handle FROM bench_members WHERE n = :n \\gset
-- staffProcedure: membershipOf()
SELECT brands.id AS brand_id, memberships.role, memberships.handle AS staff_handle, memberships.id AS staff_membership_id
  FROM memberships INNER JOIN brands ON brands.id = memberships.brand_id
  WHERE memberships.user_id = :actor AND brands.slug = :slug LIMIT 1 \\gset
-- memberByHandle()
SELECT brand_id, id AS member_id, user_id, handle FROM memberships
  WHERE brand_id = :brand_id AND lower(handle) = lower(:handle) LIMIT 1 \\gset
${TRANSACTION}
-- audit(), in its own implicit transaction after the commit
INSERT INTO audit_log (brand_id, actor_user_id, action, target_type, target_id, before, after, reason)
  VALUES (:brand_id, :actor, 'points.award', 'member', '@' || :handle::text, NULL,
          jsonb_build_object('amount', :e_amount::int, 'available', :v_available::int), :reason);
`;

export function writeScript(file: string, sql: string): void {
  writeFileSync(file, sql);
}

export interface PgbenchOptions {
  bin: string;
  url: string;
  script: string;
  clients: number;
  warmupMs: number;
  measureMs: number;
  /** Not "simple": that mode pastes variables unquoted into the SQL text. */
  protocol: "extended" | "prepared";
  vars: Record<string, string | number>;
}

export interface PgbenchResult extends Sample {
  /** Every transaction pgbench completed, warm-up included (for the ledger cross-check). */
  total: number;
  failed: number;
  reportedTps: number;
}

/**
 * Runs pgbench for warm-up + measure seconds with per-transaction logs (-l) and keeps the
 * transactions that completed inside the measured window, exactly like the HTTP clients.
 */
export async function runPgbench(o: PgbenchOptions): Promise<PgbenchResult> {
  const logDir = mkdtempSync(path.join(os.tmpdir(), "sadiq-bench-pgbench-"));
  try {
    const seconds = Math.ceil((o.warmupMs + o.measureMs) / 1000) + 1;
    const args = [
      "-n",
      "-M",
      o.protocol,
      "-c",
      String(o.clients),
      "-j",
      String(Math.min(2, o.clients)),
      "-T",
      String(seconds),
      "-l",
      `--log-prefix=${path.join(logDir, "pgb")}`,
      "-f",
      o.script,
      ...Object.entries(o.vars).flatMap(([k, v]) => ["-D", `${k}=${v}`]),
      o.url,
    ];
    const res = await run(path.join(o.bin, "pgbench"), args, { timeoutMs: (seconds + 60) * 1000 });
    const reportedTps = Number(/tps = ([\d.]+)/.exec(res.stdout)?.[1] ?? Number.NaN);
    const failedLine = /number of failed transactions: (\d+)/.exec(res.stdout);
    const done: { end: number; latencyMs: number }[] = [];
    let failed = Number(failedLine?.[1] ?? 0);
    for (const file of readdirSync(logDir)) {
      for (const line of readFileSync(path.join(logDir, file), "utf8").split("\n")) {
        // client_id transaction_no time script_no time_epoch time_us
        const f = line.split(" ");
        if (f.length < 6) continue;
        const latencyUs = Number(f[2]);
        if (!Number.isFinite(latencyUs)) {
          if (!failedLine) failed++;
          continue;
        }
        done.push({ end: Number(f[4]) * 1000 + Number(f[5]) / 1000, latencyMs: latencyUs / 1000 });
      }
    }
    if (done.length === 0) throw new Error(`pgbench completed no transaction:\n${res.stdout}\n${res.stderr}`);
    let first = Number.POSITIVE_INFINITY;
    for (const d of done) first = Math.min(first, d.end);
    const windowStart = first + o.warmupMs;
    const windowEnd = windowStart + o.measureMs;
    const latencies = new Recorder();
    for (const d of done) if (d.end >= windowStart && d.end <= windowEnd) latencies.push(d.latencyMs);
    return { latenciesMs: latencies.values(), windowMs: o.measureMs, total: done.length, failed, reportedTps };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../db/client";

export const EVENTS_CHANNEL = "sadiq_events";

/**
 * Records an event in the same transaction as the change it describes. The topic doubles as the
 * Socket.IO room (`user:<id>`, `brand:<id>`, …) and carries its own gap-free sequence number.
 * NOTIFY is delivered at commit, so dispatchers never see an event whose change rolled back.
 */
export async function emitEvent(tx: Tx, topic: string, type: string, payload: Record<string, unknown>): Promise<number> {
  const result = await tx.execute(sql`
    with s as (
      insert into topic_seqs (topic, seq) values (${topic}, 1)
      on conflict (topic) do update set seq = topic_seqs.seq + 1
      returning seq
    ), e as (
      insert into events (topic, seq, type, payload)
      select ${topic}, s.seq, ${type}, ${JSON.stringify(payload)}::jsonb from s
      returning seq
    )
    select e.seq, pg_notify(${EVENTS_CHANNEL}, '') from e`);
  return Number(rowsOf<{ seq: number | string }>(result)[0]?.seq ?? 0);
}

/**
 * One event of `type` to each of many distinct topics in a single statement (a status change notifies
 * every voter of an idea; one `emitEvent` each would be a round trip per member). Topics are taken in
 * sorted order so two transactions lock their sequence rows in the same order.
 */
export async function emitEachTopic(
  tx: Tx,
  type: string,
  events: ReadonlyArray<{ topic: string; payload: Record<string, unknown> }>,
): Promise<number> {
  if (events.length === 0) return 0;
  const sorted = [...events].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  if (sorted.some((e, i) => i > 0 && sorted[i - 1]?.topic === e.topic)) throw new Error("emitEachTopic needs distinct topics");
  const result = await tx.execute(sql`
    with input as (
      select x.topic, x.payload from jsonb_to_recordset(${JSON.stringify(sorted)}::jsonb) as x(topic text, payload jsonb)
    ), s as (
      insert into topic_seqs (topic, seq) select topic, 1 from input order by topic
      on conflict (topic) do update set seq = topic_seqs.seq + 1
      returning topic, seq
    ), e as (
      insert into events (topic, seq, type, payload)
      select s.topic, s.seq, ${type}, input.payload from s join input on input.topic = s.topic
      returning 1
    )
    select (select count(*) from e)::int as n, pg_notify(${EVENTS_CHANNEL}, '')`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

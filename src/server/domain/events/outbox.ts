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

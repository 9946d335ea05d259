import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "../../db/client";
import { openTestDb, uid } from "../../test/db";
import { emitEachTopic, emitEvent } from "./outbox";

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());

describe("emitEachTopic", () => {
  it("gives each topic its next sequence number, in one statement, alongside single events", async () => {
    const [a, b, c] = [`t:${uid()}`, `t:${uid()}`, `t:${uid()}`];
    await h.db.transaction(async (tx) => {
      await emitEvent(tx, a, "x", { n: 0 });
      expect(
        await emitEachTopic(
          tx,
          "y",
          [b, a, c].map((topic, n) => ({ topic, payload: { n } })),
        ),
      ).toBe(3);
      expect(await emitEachTopic(tx, "y", [{ topic: c, payload: { n: 9 } }])).toBe(1);
    });
    const rows = rowsOf<{ topic: string; seq: number; type: string; n: number }>(
      await h.db.execute(
        sql`select topic, seq::int, type, (payload->>'n')::int as n from events where topic in (${a}, ${b}, ${c}) order by topic, seq`,
      ),
    );
    const byTopic = (t: string) => rows.filter((r) => r.topic === t).map((r) => [r.seq, r.type, r.n]);
    expect(byTopic(a)).toEqual([
      [1, "x", 0],
      [2, "y", 1],
    ]);
    expect(byTopic(b)).toEqual([[1, "y", 0]]);
    expect(byTopic(c)).toEqual([
      [1, "y", 2],
      [2, "y", 9],
    ]);
  });

  it("writes nothing for no events and refuses a topic named twice", async () => {
    const t = `t:${uid()}`;
    await h.db.transaction(async (tx) => {
      expect(await emitEachTopic(tx, "y", [])).toBe(0);
      await expect(
        emitEachTopic(tx, "y", [
          { topic: t, payload: {} },
          { topic: t, payload: {} },
        ]),
      ).rejects.toThrow("distinct topics");
    });
  });
});

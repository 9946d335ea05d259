import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PointsChanged } from "@/lib/realtime/events";
import type { DbHandle } from "../db/client";
import { emitEvent } from "../domain/events/outbox";
import { award } from "../domain/points/ledger";
import { createBrand, openTestDb, uid } from "../test/db";
import { newMember } from "../test/points";
import { socketFor as connectAs, type LiveServer, liveServer } from "../test/sockets";
import type { Dispatcher } from "./dispatcher";

let h: DbHandle;
let live: LiveServer;
let dispatcher: Dispatcher;
let url: string;

beforeAll(async () => {
  h = await openTestDb();
  live = await liveServer(h);
  ({ url, dispatcher } = live);
});
afterAll(async () => {
  await live.close();
  await h.close();
});

const socketFor = (userId: string | null) => connectAs(url, userId);

describe("outbox dispatcher", () => {
  it("delivers points:changed to the member's own sockets only, in order, after commit", async () => {
    const brand = await createBrand(h, "Live brand");
    const alice = await newMember(h.db, brand.slug, "Alice");
    const bob = await newMember(h.db, brand.slug, "Bob");
    const [aliceSocket, bobSocket, anonymous] = [await socketFor(alice.userId), await socketFor(bob.userId), await socketFor(null)];
    const got: Record<string, PointsChanged[]> = { alice: [], bob: [], anonymous: [] };
    aliceSocket.on("points:changed", (e: PointsChanged) => got.alice?.push(e));
    bobSocket.on("points:changed", (e: PointsChanged) => got.bob?.push(e));
    anonymous.on("points:changed", (e: PointsChanged) => got.anonymous?.push(e));

    for (let i = 1; i <= 5; i++) await award(h.db, { member: alice, base: 10, source: "quest", reason: `Run ${i}`, key: `live:${uid()}` });
    await award(h.db, { member: bob, base: 7, source: "quest", reason: "Bob's run", key: `live:${uid()}` });
    const deadline = Date.now() + 5000;
    while ((got.alice?.length ?? 0) < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    expect(got.alice?.map((e) => [e.seq, e.balance.available, e.entry.reason])).toEqual([
      [1, 10, "Run 1"],
      [2, 20, "Run 2"],
      [3, 30, "Run 3"],
      [4, 40, "Run 4"],
      [5, 50, "Run 5"],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(got.bob?.map((e) => e.entry.reason)).toEqual(["Bob's run"]);
    expect(got.anonymous).toEqual([]);
    for (const s of [aliceSocket, bobSocket, anonymous]) s.disconnect();
  });

  it("does not emit events whose transaction rolled back", async () => {
    const brand = await createBrand(h, "Rollback brand");
    const carol = await newMember(h.db, brand.slug, "Carol");
    const socket = await socketFor(carol.userId);
    const got: PointsChanged[] = [];
    socket.on("points:changed", (e: PointsChanged) => got.push(e));
    const key = `rb:${uid()}`;
    await award(h.db, { member: carol, base: 5, source: "quest", reason: "kept", key });
    await award(h.db, { member: carol, base: 6, source: "quest", reason: "refused", key }).catch(() => undefined);
    await dispatcher.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((e) => e.entry.reason)).toEqual(["kept"]);
    socket.disconnect();
  });

  // PGlite runs one transaction at a time, so only a server can commit them out of id order.
  it.skipIf(!process.env.DATABASE_URL)("delivers an event whose transaction commits after a later id was sent", async () => {
    const brand = await createBrand(h, "Late brand");
    const [dave, erin] = [await newMember(h.db, brand.slug, "Dave"), await newMember(h.db, brand.slug, "Erin")];
    const [daveSocket, erinSocket] = [await socketFor(dave.userId), await socketFor(erin.userId)];
    const got: string[] = [];
    daveSocket.on("points:changed", (e: PointsChanged) => got.push(`dave: ${e.entry.reason}`));
    erinSocket.on("points:changed", (e: PointsChanged) => got.push(`erin: ${e.entry.reason}`));
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let inserted: () => void = () => {};
    const firstInserted = new Promise<void>((r) => {
      inserted = r;
    });
    const slow = h.db.transaction(async (tx) => {
      await emitEvent(tx, `user:${erin.userId}`, "points:changed", { entry: { reason: "lower id, commits last" } });
      inserted();
      await held;
    });
    await firstInserted;
    await h.db.transaction((tx) =>
      emitEvent(tx, `user:${dave.userId}`, "points:changed", { entry: { reason: "higher id, commits first" } }),
    );
    const deadline = Date.now() + 3000;
    while (got.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual(["dave: higher id, commits first"]);
    release();
    await slow;
    const until = Date.now() + 3000;
    while (got.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual(["dave: higher id, commits first", "erin: lower id, commits last"]);
    daveSocket.disconnect();
    erinSocket.disconnect();
  });
});

import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyFrame, type BoardState } from "@/lib/realtime/board-state";
import type { BoardFrame, RankChanged, WatchResult } from "@/lib/realtime/events";
import type { DbHandle } from "../db/client";
import { setHidden } from "../domain/boards/admin";
import { me, top } from "../domain/boards/queries";
import { award, type Member } from "../domain/points/ledger";
import { createBrand, openTestDb, uid } from "../test/db";
import { newMember } from "../test/points";
import { socketFor as connectAs, type LiveServer, liveServer } from "../test/sockets";
import { type BoardHub, startBoardHub } from "./board-hub";

let h: DbHandle;
let live: LiveServer;
let hub: BoardHub;
let url: string;

beforeAll(async () => {
  h = await openTestDb();
  live = await liveServer(h);
  ({ url } = live);
  hub = startBoardHub(live.io, h.db);
});
afterAll(async () => {
  hub.stop();
  await live.close();
  await h.close();
});

/** A watching client that applies frames the way the board page does, and records everything it got. */
class Watcher {
  view: BoardState = {
    seq: null,
    periodKey: "all",
    total: 0,
    window: { top: 10, from: null, to: null },
    me: { rank: null, points: 0, hidden: false, excluded: false, topPercent: null },
    myId: null,
    rows: [],
    flash: {},
    live: false,
  };
  frames: BoardFrame[] = [];
  ranks: RankChanged[] = [];
  gaps = 0;
  constructor(
    readonly socket: Socket,
    readonly brandSlug: string,
  ) {
    socket.on("leaderboard:delta", (f: BoardFrame) => {
      this.frames.push(f);
      const next = applyFrame(this.view, f, "");
      this.view = next.state;
      if (next.gap) {
        this.gaps++;
        void this.watch();
      }
    });
    socket.on("rank:changed", (e: RankChanged) => this.ranks.push(e));
    // After a reconnect the page watches again and gets a full frame.
    socket.io.on("reconnect", () => void this.watch());
  }
  watch(limit = 10): Promise<WatchResult> {
    return this.socket.emitWithAck("board:watch", { brandSlug: this.brandSlug, board: "points", period: "all", limit });
  }
  handles() {
    return this.view.rows.map((r) => `${r.rank}:${r.handle}:${r.points}`);
  }
}

const socketFor = (userId: string | null) => connectAs(url, userId, { reconnectionDelay: 50 });

async function until(check: () => boolean, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

const give = (m: Member, base: number) => award(h.db, { member: m, base, source: "quest", reason: "live", key: `hub:${uid()}` });

async function serverView(brandId: string, limit = 10) {
  return (await top(h.db, brandId, { board: "points", period: "all", limit })).rows.map((r) => `${r.rank}:${r.handle}:${r.points}`);
}

describe("board hub", () => {
  it("refuses watchers who are not members of the brand, and bad requests", async () => {
    const brand = await createBrand(h, "Closed board");
    const other = await createBrand(h, "Other board");
    const outsider = await newMember(h.db, other.slug, "Outsider");
    const anon = new Watcher(await socketFor(null), brand.slug);
    const stranger = new Watcher(await socketFor(outsider.userId), brand.slug);
    expect(await anon.watch()).toEqual({ ok: false, error: "forbidden" });
    expect(await stranger.watch()).toEqual({ ok: false, error: "forbidden" });
    expect(await stranger.watch(500)).toEqual({ ok: false, error: "invalid" });
    expect(stranger.frames).toEqual([]);
    anon.socket.disconnect();
    stranger.socket.disconnect();
  });

  it("moves rows live, tells the passed member who passed them, and tells the mover", async () => {
    const brand = await createBrand(h, "Live board");
    const [ana, ben, cem] = [
      await newMember(h.db, brand.slug, "Ana"),
      await newMember(h.db, brand.slug, "Ben"),
      await newMember(h.db, brand.slug, "Cem"),
    ];
    await give(ana, 30);
    await give(ben, 20);
    await give(cem, 10);
    const a = new Watcher(await socketFor(ana.userId), brand.slug);
    const c = new Watcher(await socketFor(cem.userId), brand.slug);
    expect(await a.watch()).toEqual({ ok: true });
    expect(await c.watch()).toEqual({ ok: true });
    await until(() => a.frames.length > 0 && c.frames.length > 0);
    expect(a.frames[0]).toMatchObject({ full: true, total: 3, me: { rank: 1, points: 30 } });
    expect(a.handles()).toEqual([`1:${ana.handle}:30`, `2:${ben.handle}:20`, `3:${cem.handle}:10`]);

    await give(cem, 25); // Cem 35 passes Ana (30) and Ben (20).
    expect(await until(() => a.handles()[0] === `1:${cem.handle}:35`)).toBe(true);
    expect(a.handles()).toEqual([`1:${cem.handle}:35`, `2:${ana.handle}:30`, `3:${ben.handle}:20`]);
    await until(() => a.ranks.length > 0 && c.ranks.length > 0);
    expect(a.ranks).toEqual([
      { board: "points", period: "all", rank: 2, previousRank: 1, passedBy: [{ memberId: cem.memberId, handle: cem.handle }] },
    ]);
    expect(c.ranks).toEqual([{ board: "points", period: "all", rank: 1, previousRank: 3, passedBy: [] }]);
    const delta = a.frames.at(-1);
    expect(delta).toMatchObject({ full: false, prevSeq: a.frames.at(-2)?.seq, me: { rank: 2, previousRank: 1 } });
    expect(delta?.changes.find((r) => r.memberId === cem.memberId)).toMatchObject({ rank: 1, previousRank: 3, points: 35 });
    expect(a.gaps).toBe(0);
    a.socket.disconnect();
    c.socket.disconnect();
  });

  it("never shows a private member to others, in frames, ranks or 'passed you' notices", async () => {
    const brand = await createBrand(h, "Private board");
    const [hid, pub, viewer] = [
      await newMember(h.db, brand.slug, "Nadir Qaib"),
      await newMember(h.db, brand.slug, "Public"),
      await newMember(h.db, brand.slug, "Viewer"),
    ];
    await give(viewer, 50);
    await give(pub, 40);
    await setHidden(h.db, hid, true);
    await give(hid, 10);
    const v = new Watcher(await socketFor(viewer.userId), brand.slug);
    const self = new Watcher(await socketFor(hid.userId), brand.slug);
    await v.watch();
    await self.watch();
    await give(hid, 100); // The hidden member jumps over everyone.
    await give(pub, 20); // And the public one passes the viewer.
    expect(await until(() => v.handles()[0] === `1:${pub.handle}:60`)).toBe(true);
    await until(() => self.view.me?.rank === 1);
    expect(self.view.me).toMatchObject({ rank: 1, points: 110, hidden: true });
    expect(self.view.rows.map((r) => r.handle)).toEqual([pub.handle, viewer.handle]);
    await new Promise((r) => setTimeout(r, 400));
    const seen = JSON.stringify([v.frames, v.ranks]);
    expect(seen).not.toContain(hid.memberId);
    expect(seen).not.toContain(hid.handle);
    expect(v.handles()).toEqual([`1:${pub.handle}:60`, `2:${viewer.handle}:50`]);
    // Ticks that changed nothing in the viewer's view sent nothing, and the next frame still follows on.
    expect(v.gaps).toBe(0);
    expect(v.ranks.at(-1)).toEqual({
      board: "points",
      period: "all",
      rank: 2,
      previousRank: 1,
      passedBy: [{ memberId: pub.memberId, handle: pub.handle }],
    });
    v.socket.disconnect();
    self.socket.disconnect();
  });

  it("a client that was offline while 100 awards landed converges to the server's ranking within 2 s of reconnecting", async () => {
    const brand = await createBrand(h, "Reconnect board");
    const members = await Promise.all(Array.from({ length: 12 }, (_, i) => newMember(h.db, brand.slug, `Rc${i}`)));
    for (const [i, m] of members.entries()) await give(m, 1 + i);
    const w = new Watcher(await socketFor(members[0]?.userId ?? null), brand.slug);
    await w.watch();
    // The top 10 plus the member's own neighbourhood (they are last, 12th): ranks 1–12.
    expect(await until(() => w.handles().length === 12)).toBe(true);
    w.socket.io.engine.close(); // drop the connection as a network would
    await until(() => !w.socket.connected, 1000);
    for (let i = 0; i < 100; i++) await give(members[(i * 7) % members.length] as Member, 1 + ((i * 13) % 17));
    const truth = await serverView(brand.id);
    const reconnectedAt = Date.now();
    expect(await until(() => w.socket.connected && JSON.stringify(w.handles().slice(0, 10)) === JSON.stringify(truth), 5000)).toBe(true);
    expect(Date.now() - reconnectedAt).toBeLessThan(2000);
    const place = await me(h.db, members[0] as Member, { board: "points", period: "all" });
    expect(w.view.me).toMatchObject({ rank: place.rank, points: place.points });
    w.socket.disconnect();
  });
});

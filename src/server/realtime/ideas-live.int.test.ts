import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IdeaUpdated } from "@/lib/ideas/types";
import type { DbHandle } from "../db/client";
import { ideaSettings } from "../db/schema";
import { createIdea } from "../domain/ideas/ideas";
import { moderate } from "../domain/ideas/moderation";
import { setStatus } from "../domain/ideas/status";
import { voteIdea } from "../domain/ideas/votes";
import { createBrand, openTestDb, uid } from "../test/db";
import { asMember, asStaff, newStaff } from "../test/ideas-seed";
import { newMember } from "../test/points";
import { type LiveServer, liveServer, socketFor } from "../test/sockets";
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

async function watcher(slug: string) {
  const socket = await socketFor(url, null);
  const got: IdeaUpdated[] = [];
  socket.on("idea:updated", (e: IdeaUpdated) => got.push(e));
  const joined = await new Promise((r) => socket.emit("brand:join", slug, r));
  expect(joined).toMatchObject({ ok: true });
  return { socket, got };
}

describe("idea:updated over real sockets", () => {
  it("reaches anonymous viewers of the brand with counts and status only, in order; other brands hear nothing", async () => {
    const brand = await createBrand(h, "Live ideas");
    const elsewhere = await createBrand(h, "Other live ideas");
    const author = await newMember(h.db, brand.slug, "Author");
    const voter = await newMember(h.db, brand.slug, "Voter");
    const staff = await newStaff(h.db, brand.slug);
    const here = await watcher(brand.slug);
    const there = await watcher(elsewhere.slug);

    const idea = await createIdea(h.db, asMember(author), {
      title: "Live idea for sockets",
      body: "",
      tags: [],
      locale: "en",
      idempotencyKey: `k-${uid()}`,
    });
    await voteIdea(h.db, asMember(voter), idea.id);
    await setStatus(h.db, asStaff(staff), { ideaId: idea.id, status: "planned" });
    await moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "hide", reason: "Off topic" });
    await dispatcher.flush();
    const deadline = Date.now() + 5000;
    while (here.got.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    expect(here.got.map((e) => [e.ideaId, e.voteCount, e.status, e.removed ?? false])).toEqual([
      [idea.id, 0, "open", false],
      [idea.id, 1, "open", false],
      [idea.id, 1, "planned", false],
      [idea.id, 1, "planned", true],
    ]);
    // Consecutive per-topic sequence numbers let a page notice a missed event.
    const seqs = here.got.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    // Never the text: a hidden or waiting idea must not leak through the public room.
    const fields = ["brandId", "commentCount", "ideaId", "mergedIntoId", "seq", "status", "voteCount"];
    for (const e of here.got) expect(Object.keys(e).sort()).toEqual(e.removed ? [...fields, "removed"].sort() : fields);
    expect(there.got).toEqual([]);
    here.socket.disconnect();
    there.socket.disconnect();
  });

  it("says nothing about an idea waiting for moderation", async () => {
    const brand = await createBrand(h, "Premod live ideas");
    await h.db.insert(ideaSettings).values({ brandId: brand.id, premodDays: 30 });
    const newcomer = await newMember(h.db, brand.slug, "Newcomer");
    const here = await watcher(brand.slug);
    const idea = await createIdea(h.db, asMember(newcomer), {
      title: "Waiting idea",
      body: "secret",
      tags: [],
      locale: "en",
      idempotencyKey: `k-${uid()}`,
    });
    expect(idea.state).toBe("pending");
    await dispatcher.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(here.got).toEqual([]);
    here.socket.disconnect();
  });
});

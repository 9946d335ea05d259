import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "../../db/client";
import { events, ideas, ideaVotes } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb } from "../../test/db";
import type { IdeaMember } from "./access";
import { bulkMembers, ideaMember, ideaStaff, postIdea, refusal, setIdea } from "./test-fixtures";
import { unvoteIdea, voteIdea } from "./votes";

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let author: IdeaMember;

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Votes brand");
  other = await createBrand(h, "Other votes brand");
  author = await ideaMember(h.db, brand.slug, "Author");
});
afterAll(async () => {
  await h.close();
});

async function counts(ideaId: string) {
  const [row] = rowsOf<{ vote_count: number; rows: number }>(
    await h.db.execute(sql`select i.vote_count, (select count(*) from idea_votes v where v.idea_id = i.id)::int as rows
      from ideas i where i.id = ${ideaId}`),
  );
  return { voteCount: Number(row?.vote_count), rows: Number(row?.rows) };
}

describe("voting under concurrency", () => {
  it("counts 100 parallel votes of 100 members through tRPC exactly", async () => {
    const idea = await postIdea(h.db, author);
    const voters = await bulkMembers(h.db, brand.id, 100);
    const results = await Promise.all(voters.map((v) => callerFor(h.db, v.userId).ideas.vote({ brandSlug: brand.slug, ideaId: idea.id })));
    expect(results.every((r) => r.voted && r.ideaId === idea.id)).toBe(true);
    expect(new Set(results.map((r) => r.voteCount))).toEqual(new Set(Array.from({ length: 100 }, (_, i) => i + 1)));
    expect(await counts(idea.id)).toEqual({ voteCount: 100, rows: 100 });
  });

  it("keeps one member's 100 parallel vote/unvote toggles consistent", async () => {
    const idea = await postIdea(h.db, author);
    const others = await bulkMembers(h.db, brand.id, 3);
    for (const o of others) await voteIdea(h.db, o, idea.id);
    const [toggler] = await bulkMembers(h.db, brand.id, 1);
    if (!toggler) throw new Error("no member");
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? unvoteIdea(h.db, toggler, idea.id) : voteIdea(h.db, toggler, idea.id))),
    );
    const mine = await h.db
      .select()
      .from(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, idea.id), eq(ideaVotes.memberId, toggler.memberId)));
    expect(mine.length).toBeLessThanOrEqual(1);
    const c = await counts(idea.id);
    expect(c.voteCount).toBe(c.rows);
    expect(c.rows).toBe(3 + mine.length);
  });
});

describe("voting rules", () => {
  it("is idempotent both ways and announces each change on the brand topic", async () => {
    const idea = await postIdea(h.db, author);
    const voter = await ideaMember(h.db, brand.slug, "Voter");
    const before = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `brand:${brand.id}`));
    expect(await voteIdea(h.db, voter, idea.id)).toEqual({ ideaId: idea.id, voted: true, voteCount: 1 });
    expect(await voteIdea(h.db, voter, idea.id)).toEqual({ ideaId: idea.id, voted: true, voteCount: 1 });
    expect(await unvoteIdea(h.db, voter, idea.id)).toEqual({ ideaId: idea.id, voted: false, voteCount: 0 });
    expect(await unvoteIdea(h.db, voter, idea.id)).toEqual({ ideaId: idea.id, voted: false, voteCount: 0 });
    // Authors may support their own idea.
    expect(await voteIdea(h.db, author, idea.id)).toMatchObject({ voted: true, voteCount: 1 });
    const after = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `brand:${brand.id}`))
      .orderBy(asc(events.seq));
    const mineAfter = after.filter((e) => !before.some((b) => b.seq === e.seq));
    expect(mineAfter.map((e) => [e.type, (e.payload as { voteCount: number }).voteCount])).toEqual([
      ["idea:updated", 1],
      ["idea:updated", 0],
      ["idea:updated", 1],
    ]);
  });

  it("refuses duplicates, hidden and pending ideas", async () => {
    const voter = await ideaMember(h.db, brand.slug, "Voter");
    const target = await postIdea(h.db, author);
    const dup = await postIdea(h.db, author);
    await setIdea(h.db, dup.id, { status: "duplicate", mergedIntoId: target.id });
    expect(await refusal(voteIdea(h.db, voter, dup.id))).toMatchObject({ code: "CONFLICT", key: "ideas.votingClosed" });
    expect(await refusal(unvoteIdea(h.db, voter, dup.id))).toMatchObject({ code: "CONFLICT", key: "ideas.votingClosed" });

    const hidden = await postIdea(h.db, author);
    await setIdea(h.db, hidden.id, { state: "hidden", stateReason: "spam" });
    expect(await refusal(voteIdea(h.db, voter, hidden.id))).toMatchObject({ code: "NOT_FOUND", key: "ideas.notFound" });
    expect(await refusal(voteIdea(h.db, author, hidden.id))).toMatchObject({ code: "CONFLICT", key: "ideas.votingClosed" });

    const pending = await postIdea(h.db, author);
    await setIdea(h.db, pending.id, { state: "pending", publishedAt: null });
    expect(await refusal(voteIdea(h.db, voter, pending.id))).toMatchObject({ code: "NOT_FOUND", key: "ideas.notFound" });
    expect(await refusal(voteIdea(h.db, author, pending.id))).toMatchObject({ code: "CONFLICT", key: "ideas.votingClosed" });
    const staff = await ideaStaff(h.db, brand.slug);
    expect(await refusal(voteIdea(h.db, staff, pending.id))).toMatchObject({ code: "CONFLICT", key: "ideas.votingClosed" });

    for (const id of [dup.id, hidden.id, pending.id]) expect(await counts(id)).toEqual({ voteCount: 0, rows: 0 });
  });

  it("lets every status but duplicate be voted on", async () => {
    const voter = await ideaMember(h.db, brand.slug, "Voter");
    for (const status of ["under_review", "planned", "in_progress", "shipped", "declined"] as const) {
      const idea = await postIdea(h.db, author);
      await setIdea(h.db, idea.id, { status });
      expect(await voteIdea(h.db, voter, idea.id)).toMatchObject({ voted: true, voteCount: 1 });
    }
  });

  it("lets anonymous visitors read but not vote, and keeps brands apart", async () => {
    const idea = await postIdea(h.db, author, { title: "Anonymous visitors can read this" });
    const anon = callerFor(h.db, null);
    const list = await anon.ideas.list({ brandSlug: brand.slug, sort: "newest", limit: 50 });
    expect(list.items.some((i) => i.id === idea.id && i.voted === false)).toBe(true);
    expect(await anon.ideas.get({ brandSlug: brand.slug, ideaId: idea.id })).toMatchObject({
      id: idea.id,
      voted: false,
      can: { vote: false, comment: false, edit: false, moderate: false, flag: false },
    });
    expect(await refusal(anon.ideas.vote({ brandSlug: brand.slug, ideaId: idea.id }))).toMatchObject({ code: "UNAUTHORIZED" });

    const outsider = await ideaMember(h.db, other.slug, "Outsider");
    const asOutsider = callerFor(h.db, outsider.userId);
    // Naming brand A: not a member there.
    expect(await refusal(asOutsider.ideas.vote({ brandSlug: brand.slug, ideaId: idea.id }))).toMatchObject({ code: "FORBIDDEN" });
    // Naming their own brand B with A's idea: it does not exist there.
    expect(await refusal(asOutsider.ideas.vote({ brandSlug: other.slug, ideaId: idea.id }))).toMatchObject({
      code: "NOT_FOUND",
      message: "ideas.notFound",
    });
    expect(await refusal(asOutsider.ideas.get({ brandSlug: other.slug, ideaId: idea.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(voteIdea(h.db, { ...outsider, staff: false }, idea.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(idea.id)).toEqual({ voteCount: 0, rows: 0 });
  });

  it("unvoting a vote a merge carried over just removes that row", async () => {
    const voter = await ideaMember(h.db, brand.slug, "Voter");
    const target = await postIdea(h.db, author);
    const dup = await postIdea(h.db, author);
    await h.db.insert(ideaVotes).values({ ideaId: target.id, memberId: voter.memberId, viaIdeaId: dup.id });
    await h.db
      .update(ideas)
      .set({ voteCount: sql`${ideas.voteCount} + 1` })
      .where(eq(ideas.id, target.id));
    expect(await unvoteIdea(h.db, voter, target.id)).toEqual({ ideaId: target.id, voted: false, voteCount: 0 });
    expect(await counts(target.id)).toEqual({ voteCount: 0, rows: 0 });
  });
});

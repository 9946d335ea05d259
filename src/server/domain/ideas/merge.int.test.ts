import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { auditLog, events, ideaStatusChanges, ideaVotes, notifications } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { openTestDb } from "../../test/db";
import { asStaff, ideaRow, members, seedIdea, seedVotes, staffBrands, voteTally } from "../../test/ideas-seed";
import { newMember } from "../../test/points";
import type { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { mergeIdeas, unmergeIdea } from "./merge";
import { setStatus } from "./status";
import { refusal } from "./test-fixtures";

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let staff: Member;
let otherStaff: Member;

beforeAll(async () => {
  h = await openTestDb();
  ({ brand, other, staff, otherStaff } = await staffBrands(h, "Merge"));
});
afterAll(async () => {
  await h.close();
});

/** A with voters 0–5, B with voters 3–8: voters 3, 4, 5 voted for both. */
async function overlapping() {
  const author = await newMember(h.db, brand.slug, "Author");
  const v = await members(h.db, brand.slug, 9, "Voter");
  const a = await seedIdea(h.db, author, { title: `Dark mode ${v[0]?.memberId.slice(0, 6)}`, status: "under_review" });
  const b = await seedIdea(h.db, author, { title: `Night theme ${v[0]?.memberId.slice(0, 6)}` });
  await seedVotes(h.db, a.id, v.slice(0, 6));
  await seedVotes(h.db, b.id, v.slice(3, 9), new Date(Date.now() - 60_000));
  return { author, v, a, b };
}

describe("merging duplicates", () => {
  it("counts members who voted for both once, and unmerge restores both counts exactly", async () => {
    const { v, a, b } = await overlapping();
    const s = asStaff(staff);
    const r = await mergeIdeas(h.db, s, { ideaId: a.id, intoId: b.id });
    expect(r).toEqual({ moved: 3, alreadyVoted: 3, voteCount: 9 });
    expect(await voteTally(h.db, b.id)).toEqual({ rows: 9, counter: 9 });
    expect(await voteTally(h.db, a.id)).toEqual({ rows: 6, counter: 6 });
    const afterA = await ideaRow(h.db, a.id);
    expect(afterA).toMatchObject({ status: "duplicate", mergedIntoId: b.id, statusBeforeMerge: "under_review" });

    // Carried votes keep their original time and say where they came from.
    const carried = await h.db
      .select({ memberId: ideaVotes.memberId, createdAt: ideaVotes.createdAt })
      .from(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, b.id), eq(ideaVotes.viaIdeaId, a.id)));
    const originals = await h.db
      .select({ memberId: ideaVotes.memberId, createdAt: ideaVotes.createdAt })
      .from(ideaVotes)
      .where(eq(ideaVotes.ideaId, a.id));
    expect(carried.map((c) => c.memberId).sort()).toEqual(
      v
        .slice(0, 3)
        .map((m) => m.memberId)
        .sort(),
    );
    for (const c of carried) expect(c.createdAt).toEqual(originals.find((o) => o.memberId === c.memberId)?.createdAt);

    const history = await h.db
      .select({ to: ideaStatusChanges.toStatus, note: ideaStatusChanges.note })
      .from(ideaStatusChanges)
      .where(eq(ideaStatusChanges.ideaId, a.id));
    expect(history).toEqual([{ to: "duplicate", note: `merged into ${b.title}` }]);
    expect(await h.db.select().from(ideaStatusChanges).where(eq(ideaStatusChanges.ideaId, b.id))).toHaveLength(1);
    // A's followers hear about it (author + six voters), the acting staff member does not.
    const notes = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ideaId, a.id), eq(notifications.kind, "idea.merged")));
    expect(notes).toHaveLength(7);
    expect(notes[0]?.payload).toMatchObject({ intoId: b.id, intoTitle: b.title, title: a.title });
    const live = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `brand:${brand.id}`));
    expect(
      live.some((e) => (e.payload as { ideaId?: string }).ideaId === b.id && (e.payload as { voteCount?: number }).voteCount === 9),
    ).toBe(true);

    expect(await refusal(mergeIdeas(h.db, s, { ideaId: a.id, intoId: b.id }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.alreadyMerged",
    });
    expect(await refusal(setStatus(h.db, s, { ideaId: a.id, status: "planned" }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.isDuplicate",
    });

    const u = await unmergeIdea(h.db, s, { ideaId: a.id });
    expect(u).toEqual({ removed: 3, voteCount: 6 });
    expect(await voteTally(h.db, b.id)).toEqual({ rows: 6, counter: 6 });
    expect(await voteTally(h.db, a.id)).toEqual({ rows: 6, counter: 6 });
    expect(await ideaRow(h.db, a.id)).toMatchObject({ status: "under_review", mergedIntoId: null, statusBeforeMerge: null });
    const bVoters = await h.db.select({ memberId: ideaVotes.memberId }).from(ideaVotes).where(eq(ideaVotes.ideaId, b.id));
    expect(bVoters.map((x) => x.memberId).sort()).toEqual(
      v
        .slice(3, 9)
        .map((m) => m.memberId)
        .sort(),
    );
    expect(await refusal(unmergeIdea(h.db, s, { ideaId: a.id }))).toMatchObject({ code: "CONFLICT", key: "ideas.notMerged" });
    const audits = await h.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, a.id))
      .orderBy(asc(auditLog.id));
    expect(audits.map((x) => x.action)).toEqual(["idea.merge", "idea.unmerge"]);
  });

  it("a carried vote the member later removed is not removed twice", async () => {
    const { v, a, b } = await overlapping();
    const s = asStaff(staff);
    await mergeIdeas(h.db, s, { ideaId: a.id, intoId: b.id });
    // Voter 0 (carried from A) withdraws their vote on B, as votes.ts would: row and counter together.
    await h.db.delete(ideaVotes).where(and(eq(ideaVotes.ideaId, b.id), eq(ideaVotes.memberId, v[0]?.memberId ?? "")));
    await seedVotes(h.db, b.id, []);
    expect(await voteTally(h.db, b.id)).toEqual({ rows: 8, counter: 8 });
    expect(await unmergeIdea(h.db, s, { ideaId: a.id })).toEqual({ removed: 2, voteCount: 6 });
    expect(await voteTally(h.db, b.id)).toEqual({ rows: 6, counter: 6 });
  });

  it("chains: B merged into C carries A's votes as B's; unmerging A then leaves C alone", async () => {
    const { v, a, b } = await overlapping();
    const author = await newMember(h.db, brand.slug, "C author");
    const c = await seedIdea(h.db, author);
    await seedVotes(h.db, c.id, [v[8] as Member]);
    const s = asStaff(staff);
    await mergeIdeas(h.db, s, { ideaId: a.id, intoId: b.id });
    expect(await mergeIdeas(h.db, s, { ideaId: b.id, intoId: c.id })).toEqual({ moved: 8, alreadyVoted: 1, voteCount: 9 });
    const viaB = await h.db
      .select()
      .from(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, c.id), eq(ideaVotes.viaIdeaId, b.id)));
    expect(viaB).toHaveLength(8);
    expect(await refusal(mergeIdeas(h.db, s, { ideaId: c.id, intoId: b.id }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.mergeIntoDuplicate",
    });

    // Unmerging A takes A's copies off B only; C keeps what B passed on until B itself is unmerged.
    expect(await unmergeIdea(h.db, s, { ideaId: a.id })).toEqual({ removed: 3, voteCount: 6 });
    expect(await voteTally(h.db, c.id)).toEqual({ rows: 9, counter: 9 });
    expect(await unmergeIdea(h.db, s, { ideaId: b.id })).toEqual({ removed: 8, voteCount: 1 });
    expect(await voteTally(h.db, c.id)).toEqual({ rows: 1, counter: 1 });
    expect(await voteTally(h.db, b.id)).toEqual({ rows: 6, counter: 6 });
    expect((await ideaRow(h.db, b.id)).status).toBe("open");
  });

  it("concurrent merges of the same pair and opposite directions keep counts exact", async () => {
    const { a, b } = await overlapping();
    const s = asStaff(staff);
    const results = await Promise.allSettled([
      mergeIdeas(h.db, s, { ideaId: a.id, intoId: b.id }),
      mergeIdeas(h.db, s, { ideaId: b.id, intoId: a.id }),
      mergeIdeas(h.db, s, { ideaId: a.id, intoId: b.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as DomainError).code).toBe("CONFLICT");
    expect(await voteTally(h.db, a.id)).toEqual({ rows: 6, counter: 6 });
    const tallyB = await voteTally(h.db, b.id);
    expect(tallyB.rows).toBe(tallyB.counter);
    expect(tallyB.rows).toBe((await ideaRow(h.db, b.id)).status === "duplicate" ? 6 : 9);
  });

  it("refuses unknown targets, other brands' ideas and members", async () => {
    const { a, b } = await overlapping();
    const s = asStaff(staff);
    const foreignAuthor = await newMember(h.db, other.slug, "Foreign");
    const foreign = await seedIdea(h.db, foreignAuthor);
    expect(await refusal(mergeIdeas(h.db, s, { ideaId: a.id, intoId: foreign.id }))).toMatchObject({
      code: "NOT_FOUND",
      key: "ideas.mergeTargetNotFound",
    });
    expect(await refusal(mergeIdeas(h.db, s, { ideaId: foreign.id, intoId: b.id }))).toMatchObject({
      code: "NOT_FOUND",
      key: "ideas.notFound",
    });
    expect(await refusal(mergeIdeas(h.db, asStaff(otherStaff), { ideaId: a.id, intoId: b.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(unmergeIdea(h.db, asStaff(otherStaff), { ideaId: a.id }))).toMatchObject({ code: "NOT_FOUND" });

    const member = await newMember(h.db, brand.slug, "Plain member");
    const api = callerFor(h.db, member.userId).ideas;
    expect(await refusal(api.merge({ brandSlug: brand.slug, ideaId: a.id, intoId: b.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(api.unmerge({ brandSlug: brand.slug, ideaId: a.id }))).toMatchObject({ code: "FORBIDDEN" });
    const cross = await refusal(
      callerFor(h.db, otherStaff.userId).ideas.merge({ brandSlug: other.slug, ideaId: foreign.id, intoId: b.id }),
    );
    expect(cross).toMatchObject({ code: "NOT_FOUND", message: "ideas.mergeTargetNotFound" });
    expect(await voteTally(h.db, b.id)).toEqual({ rows: 6, counter: 6 });
    expect((await ideaRow(h.db, foreign.id)).status).toBe("open");
  });

  it("staff merge and unmerge through the API", async () => {
    const { a, b } = await overlapping();
    const api = callerFor(h.db, staff.userId).ideas;
    expect(await api.merge({ brandSlug: brand.slug, ideaId: a.id, intoId: b.id })).toEqual({ moved: 3, alreadyVoted: 3, voteCount: 9 });
    expect(await api.unmerge({ brandSlug: brand.slug, ideaId: a.id })).toEqual({ removed: 3, voteCount: 6 });
  });
});

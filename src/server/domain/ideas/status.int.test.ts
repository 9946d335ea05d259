import { TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { auditLog, ideaPayoffs, ideaSettings, ideaStatusChanges, ideas, ledger } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb } from "../../test/db";
import { asStaff, ideaRow, members, newStaff, seedIdea, seedVotes, staffBrands } from "../../test/ideas-seed";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { moderate } from "./moderation";
import { setStatus } from "./status";
import { refusal } from "./test-fixtures";

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let staff: Member;
let otherStaff: Member;

beforeAll(async () => {
  h = await openTestDb();
  ({ brand, other, staff, otherStaff } = await staffBrands(h, "Status"));
  // Small numbers keep the "first N voters" rule visible.
  await h.db.insert(ideaSettings).values({ brandId: brand.id, shipVoterCount: 3 });
});
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await expectLedgerInvariants(h.db, other.id);
  await h.close();
});

/** Ledger rows of this idea's payoffs: member → sorted "stage:amount" list. */
async function paidRows(ideaId: string) {
  const rows = await h.db
    .select({ memberId: ledger.memberId, key: ledger.idempotencyKey, amount: ledger.amount })
    .from(ledger)
    .where(and(eq(ledger.sourceType, "idea"), eq(ledger.sourceId, ideaId)))
    .orderBy(asc(ledger.id));
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    const stage = r.key.split(":")[2];
    out[r.memberId] = [...(out[r.memberId] ?? []), `${stage}:${r.amount}`].sort();
  }
  return out;
}

async function stages(ideaId: string) {
  const rows = await h.db.select({ stage: ideaPayoffs.stage }).from(ideaPayoffs).where(eq(ideaPayoffs.ideaId, ideaId));
  return rows.map((r) => r.stage).sort();
}

/** An idea by a fresh author with five voters (the author votes too, and is never paid as a voter). */
async function ideaWithVoters() {
  const author = await newMember(h.db, brand.slug, "Author");
  const voters = await members(h.db, brand.slug, 5, "Voter");
  const idea = await seedIdea(h.db, author);
  await seedVotes(h.db, idea.id, [voters[0], author, voters[1], voters[2], voters[3], voters[4]] as Member[]);
  return { author, voters, idea };
}

describe("status changes and payoffs", () => {
  it("pays each stage once while the status moves back and forth", async () => {
    const { author, voters, idea } = await ideaWithVoters();
    const [v0, v1, v2, v3, v4] = voters as [Member, Member, Member, Member, Member];
    const s = asStaff(staff);

    const review = await setStatus(h.db, s, { ideaId: idea.id, status: "under_review" });
    expect(review).toEqual({ status: "under_review", changed: true, payoffs: [{ stage: "approved", members: 1, points: 10 }] });
    const planned = await setStatus(h.db, s, { ideaId: idea.id, status: "planned", note: "Next quarter" });
    expect(planned.payoffs).toEqual([{ stage: "planned", members: 1, points: 25 }]);
    expect(await setStatus(h.db, s, { ideaId: idea.id, status: "planned" })).toEqual({ status: "planned", changed: false, payoffs: [] });
    const shipped = await setStatus(h.db, s, { ideaId: idea.id, status: "shipped" });
    expect(shipped.payoffs).toEqual([
      { stage: "shipped", members: 1, points: 100 },
      { stage: "shipped", members: 3, points: 10 },
    ]);
    // Back and forth: nothing more is paid.
    expect((await setStatus(h.db, s, { ideaId: idea.id, status: "planned" })).payoffs).toEqual([]);
    expect((await setStatus(h.db, s, { ideaId: idea.id, status: "shipped" })).payoffs).toEqual([]);
    expect((await setStatus(h.db, s, { ideaId: idea.id, status: "in_progress" })).payoffs).toEqual([]);

    expect(await paidRows(idea.id)).toEqual({
      [author.memberId]: ["approved:10", "planned:25", "shipped:100"],
      [v0.memberId]: ["shipped:10"],
      [v1.memberId]: ["shipped:10"],
      [v2.memberId]: ["shipped:10"],
    });
    expect(v3.memberId in (await paidRows(idea.id))).toBe(false);
    expect(v4.memberId in (await paidRows(idea.id))).toBe(false);
    expect(await stages(idea.id)).toEqual(["approved", "planned", "shipped"]);

    const history = await h.db
      .select({ from: ideaStatusChanges.fromStatus, to: ideaStatusChanges.toStatus, note: ideaStatusChanges.note })
      .from(ideaStatusChanges)
      .where(eq(ideaStatusChanges.ideaId, idea.id))
      .orderBy(asc(ideaStatusChanges.id));
    expect(history).toEqual([
      { from: "open", to: "under_review", note: null },
      { from: "under_review", to: "planned", note: "Next quarter" },
      { from: "planned", to: "shipped", note: null },
      { from: "shipped", to: "planned", note: null },
      { from: "planned", to: "shipped", note: null },
      { from: "shipped", to: "in_progress", note: null },
    ]);
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, idea.id), eq(auditLog.action, "idea.status")));
    expect(audits).toHaveLength(6);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("shipping straight from open pays every earlier stage too, and approve in moderation is not paid again", async () => {
    const { author, voters, idea } = await ideaWithVoters();
    const s = asStaff(staff);
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "approve" })).toEqual({ changed: true, state: "published", paid: 10 });
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "approve" })).toEqual({ changed: false, state: "published", paid: 0 });
    const shipped = await setStatus(h.db, s, { ideaId: idea.id, status: "shipped" });
    expect(shipped.payoffs).toEqual([
      { stage: "planned", members: 1, points: 25 },
      { stage: "shipped", members: 1, points: 100 },
      { stage: "shipped", members: 3, points: 10 },
    ]);
    const paid = await paidRows(idea.id);
    expect(paid[author.memberId]).toEqual(["approved:10", "planned:25", "shipped:100"]);
    expect(Object.keys(paid)).toHaveLength(4);
    expect(paid[voters[0]?.memberId ?? ""]).toEqual(["shipped:10"]);
  });

  it("20 concurrent status changes pay each stage exactly once", async () => {
    const { author, voters, idea } = await ideaWithVoters();
    const s = asStaff(staff);
    const sequence = ["planned", "shipped", "in_progress", "shipped", "under_review"] as const;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => setStatus(h.db, s, { ideaId: idea.id, status: sequence[i % sequence.length] ?? "planned" })),
    );
    const all = results.flatMap((r) => r.payoffs);
    expect(all.filter((p) => p.stage === "approved")).toEqual([{ stage: "approved", members: 1, points: 10 }]);
    expect(all.filter((p) => p.stage === "planned")).toEqual([{ stage: "planned", members: 1, points: 25 }]);
    expect(all.filter((p) => p.stage === "shipped")).toEqual([
      { stage: "shipped", members: 1, points: 100 },
      { stage: "shipped", members: 3, points: 10 },
    ]);
    expect(await paidRows(idea.id)).toEqual({
      [author.memberId]: ["approved:10", "planned:25", "shipped:100"],
      [voters[0]?.memberId ?? ""]: ["shipped:10"],
      [voters[1]?.memberId ?? ""]: ["shipped:10"],
      [voters[2]?.memberId ?? ""]: ["shipped:10"],
    });
    const changes = await h.db.select().from(ideaStatusChanges).where(eq(ideaStatusChanges.ideaId, idea.id));
    expect(changes).toHaveLength(results.filter((r) => r.changed).length);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("concurrent status changes on ideas sharing voters do not deadlock", async () => {
    const author = await newMember(h.db, brand.slug, "Twin author");
    const voters = await members(h.db, brand.slug, 4, "Twin voter");
    const first = await seedIdea(h.db, author);
    const second = await seedIdea(h.db, voters[0] as Member);
    await seedVotes(h.db, first.id, voters);
    await seedVotes(h.db, second.id, [...voters].reverse().concat(author));
    const s = asStaff(staff);
    const runs = [first, second].flatMap((i) => Array.from({ length: 5 }, () => setStatus(h.db, s, { ideaId: i.id, status: "shipped" })));
    const results = await Promise.all(runs);
    expect(results.filter((r) => r.changed)).toHaveLength(2);
    expect(await stages(first.id)).toEqual(["approved", "planned", "shipped"]);
    expect(await stages(second.id)).toEqual(["approved", "planned", "shipped"]);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("zero-point settings record the stage and pay nothing", async () => {
    const quiet = await createBrand(h, "Quiet brand");
    const qStaff = await newStaff(h.db, quiet.slug);
    await h.db.insert(ideaSettings).values({
      brandId: quiet.id,
      approvePoints: 0,
      plannedPoints: 0,
      shipAuthorPoints: 0,
      shipVoterPoints: 0,
    });
    const author = await newMember(h.db, quiet.slug, "Quiet author");
    const idea = await seedIdea(h.db, author);
    await seedVotes(h.db, idea.id, await members(h.db, quiet.slug, 2));
    const r = await setStatus(h.db, asStaff(qStaff), { ideaId: idea.id, status: "shipped" });
    expect(r).toEqual({ status: "shipped", changed: true, payoffs: [] });
    expect(await stages(idea.id)).toEqual(["approved", "planned", "shipped"]);
    expect(await paidRows(idea.id)).toEqual({});
    await expectLedgerInvariants(h.db, quiet.id);
  });

  it("refuses duplicates and ideas that are not approved yet", async () => {
    const author = await newMember(h.db, brand.slug, "Dup author");
    const dup = await seedIdea(h.db, author, { status: "duplicate" });
    const pending = await seedIdea(h.db, author, { state: "pending", publishedAt: null });
    const s = asStaff(staff);
    expect(await refusal(setStatus(h.db, s, { ideaId: dup.id, status: "planned" }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.isDuplicate",
    });
    expect(await refusal(setStatus(h.db, s, { ideaId: pending.id, status: "planned" }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.notPublished",
    });
    expect(await stages(pending.id)).toEqual([]);
  });
});

describe("who may change a status", () => {
  it("members get FORBIDDEN through the API; staff of another brand see NOT_FOUND", async () => {
    const author = await newMember(h.db, brand.slug, "Guarded author");
    const idea = await seedIdea(h.db, author);
    const err = await refusal(
      callerFor(h.db, author.userId).ideas.setStatus({ brandSlug: brand.slug, ideaId: idea.id, status: "shipped" }),
    );
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
    // Staff of the other brand, acting in their own brand, cannot reach this idea.
    const cross = await refusal(
      callerFor(h.db, otherStaff.userId).ideas.setStatus({ brandSlug: other.slug, ideaId: idea.id, status: "shipped" }),
    );
    expect((cross as TRPCError).code).toBe("NOT_FOUND");
    expect((cross as TRPCError).message).toBe("ideas.notFound");
    // … nor through this brand's slug, where they are nobody.
    const foreign = await refusal(
      callerFor(h.db, otherStaff.userId).ideas.setStatus({ brandSlug: brand.slug, ideaId: idea.id, status: "shipped" }),
    );
    expect((foreign as TRPCError).code).toBe("FORBIDDEN");
    expect(await refusal(setStatus(h.db, asStaff(otherStaff), { ideaId: idea.id, status: "planned" }))).toBeInstanceOf(DomainError);
    expect((await ideaRow(h.db, idea.id)).status).toBe("open");
    expect(await stages(idea.id)).toEqual([]);
  });

  it("a staff member works through the API and the change is visible", async () => {
    const author = await newMember(h.db, brand.slug, "Api author");
    const idea = await seedIdea(h.db, author);
    const r = await callerFor(h.db, staff.userId).ideas.setStatus({
      brandSlug: brand.slug,
      ideaId: idea.id,
      status: "declined",
      note: "Not for us",
    });
    expect(r.changed).toBe(true);
    const [row] = await h.db.select({ status: ideas.status, note: ideas.statusNote }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row).toEqual({ status: "declined", note: "Not for us" });
  });
});

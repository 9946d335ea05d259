import { count, eq } from "drizzle-orm";
import type { Db, DbHandle } from "../db/client";
import { ideaComments, ideas, ideaVotes, memberships } from "../db/schema";
import type { IdeaMember, IdeaStaff } from "../domain/ideas/access";
import type { Member } from "../domain/points/ledger";
import { createBrand, uid } from "./db";
import { newMember } from "./points";

// Ideas, votes and comments written straight into the tables, so staff-side tests do not depend on the
// member-side domain; counters are set from count(*) exactly as the domain keeps them.

export async function newStaff(db: Db, slug: string, role: "moderator" | "admin" = "moderator", name = "Staff") {
  const m = await newMember(db, slug, name);
  await db.update(memberships).set({ role }).where(eq(memberships.id, m.memberId));
  return m;
}

export const asStaff = (m: Member): IdeaStaff => ({ brandId: m.brandId, memberId: m.memberId, userId: m.userId });
export const asMember = (m: Member, staff = false): IdeaMember => ({ ...asStaff(m), staff });

export async function seedIdea(db: Db, author: Member, over: Partial<typeof ideas.$inferInsert> = {}) {
  const [idea] = await db
    .insert(ideas)
    .values({
      brandId: author.brandId,
      authorId: author.memberId,
      title: `Idea ${uid()}`,
      body: "Some **details** about it.",
      state: "published",
      publishedAt: new Date(),
      ...over,
    })
    .returning();
  if (!idea) throw new Error("no idea");
  return idea;
}

async function syncCounts(db: Db, ideaId: string) {
  const [votes] = await db.select({ n: count() }).from(ideaVotes).where(eq(ideaVotes.ideaId, ideaId));
  const comments = await db.select().from(ideaComments).where(eq(ideaComments.ideaId, ideaId));
  const commentCount = comments.filter((c) => c.state === "published" && c.deletedAt === null).length;
  await db
    .update(ideas)
    .set({ voteCount: Number(votes?.n ?? 0), commentCount })
    .where(eq(ideas.id, ideaId));
}

/** Votes in the given order, one second apart (the order decides the first supporters). */
export async function seedVotes(db: Db, ideaId: string, voters: Member[], start = new Date(Date.now() - 3_600_000)) {
  if (voters.length > 0) {
    await db
      .insert(ideaVotes)
      .values(voters.map((v, i) => ({ ideaId, memberId: v.memberId, createdAt: new Date(start.getTime() + i * 1000) })));
  }
  await syncCounts(db, ideaId);
}

export async function seedComment(db: Db, ideaId: string, author: Member, over: Partial<typeof ideaComments.$inferInsert> = {}) {
  const [c] = await db
    .insert(ideaComments)
    .values({ brandId: author.brandId, ideaId, authorId: author.memberId, body: `Comment ${uid()}`, ...over })
    .returning();
  if (!c) throw new Error("no comment");
  await syncCounts(db, ideaId);
  return c;
}

export async function ideaRow(db: Db, ideaId: string) {
  const [row] = await db.select().from(ideas).where(eq(ideas.id, ideaId));
  if (!row) throw new Error("idea gone");
  return row;
}

/** count(*) of the idea's vote rows next to its counter, for exact comparisons. */
export async function voteTally(db: Db, ideaId: string) {
  const [votes] = await db.select({ n: count() }).from(ideaVotes).where(eq(ideaVotes.ideaId, ideaId));
  return { rows: Number(votes?.n ?? 0), counter: (await ideaRow(db, ideaId)).voteCount };
}

export async function members(db: Db, slug: string, n: number, name = "Member"): Promise<Member[]> {
  const out: Member[] = [];
  for (let i = 0; i < n; i++) out.push(await newMember(db, slug, `${name} ${i}`));
  return out;
}

/**
 * The staff tests' setting: a brand with a moderator, and a second brand whose admin must never reach the
 * first brand's ideas.
 */
export async function staffBrands(h: DbHandle, name: string) {
  const brand = await createBrand(h, `${name} brand`);
  const other = await createBrand(h, `Other ${name.toLowerCase()} brand`);
  return { brand, other, staff: await newStaff(h.db, brand.slug), otherStaff: await newStaff(h.db, other.slug, "admin") };
}

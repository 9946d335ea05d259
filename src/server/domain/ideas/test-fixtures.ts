import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { createInput } from "@/lib/validation/ideas";
import type { Db } from "../../db/client";
import { ideas, memberships, users } from "../../db/schema";
import { uid } from "../../test/db";
import { newMember } from "../../test/points";
import type { DomainError } from "../errors";
import type { IdeaMember, IdeaRow, Viewer } from "./access";
import { createIdea } from "./ideas";

/** A signed-up member of the brand, as the ideas domain sees them. */
export async function ideaMember(db: Db, brandSlug: string, name = "Member"): Promise<IdeaMember & { handle: string }> {
  const m = await newMember(db, brandSlug, name);
  return { ...m, staff: false };
}

export async function ideaStaff(db: Db, brandSlug: string, role: "moderator" | "admin" = "moderator") {
  const m = await ideaMember(db, brandSlug, role === "admin" ? "Admin" : "Moderator");
  await db.update(memberships).set({ role }).where(eq(memberships.id, m.memberId));
  return { ...m, staff: true };
}

/** Many members at once, written directly: hashing a password per member would dominate the test. */
export async function bulkMembers(db: Db, brandId: string, count: number): Promise<IdeaMember[]> {
  const tag = uid();
  const made = await db
    .insert(users)
    .values(Array.from({ length: count }, (_, i) => ({ email: `bulk-${tag}-${i}@ideas.test`, name: `Bulk ${i}` })))
    .returning({ id: users.id });
  const rows = await db
    .insert(memberships)
    .values(made.map((u, i) => ({ brandId, userId: u.id, handle: `bulk-${tag}-${i}` })))
    .returning({ id: memberships.id, userId: memberships.userId });
  return rows.map((r) => ({ brandId, memberId: r.id, userId: r.userId, staff: false }));
}

export const viewerOf = (m: IdeaMember): Viewer => ({ brandId: m.brandId, userId: m.userId, memberId: m.memberId, staff: m.staff });
export const anonymous = (brandId: string): Viewer => ({ brandId, userId: null, memberId: null, staff: false });

export async function postIdea(
  db: Db,
  member: IdeaMember,
  over: Partial<z.infer<typeof createInput>> = {},
  now = new Date(),
): Promise<IdeaRow> {
  const r = await createIdea(
    db,
    member,
    { title: `An idea ${uid()}`, body: "", tags: [], locale: "en", idempotencyKey: `idea-${uid()}`, ...over },
    now,
  );
  const [row] = await db.select().from(ideas).where(eq(ideas.id, r.id));
  if (!row) throw new Error("idea not stored");
  return row;
}

export async function setIdea(db: Db, ideaId: string, patch: Partial<typeof ideas.$inferInsert>) {
  await db.update(ideas).set(patch).where(eq(ideas.id, ideaId));
}

/** The rejection of a promise, or null when it resolved. */
export function refusal(p: Promise<unknown>): Promise<DomainError | TRPCError | null> {
  return p.then(
    () => null,
    (e: unknown) => e as DomainError | TRPCError,
  );
}

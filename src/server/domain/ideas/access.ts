import { and, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client";
import { ideas } from "../../db/schema";
import { DomainError } from "../errors";

export type IdeaRow = typeof ideas.$inferSelect;

/** Who is looking at a brand's ideas: anonymous (no member), a member, or brand staff. */
export interface Viewer {
  brandId: string;
  userId: string | null;
  memberId: string | null;
  staff: boolean;
}

/** A signed-in member of the brand (staff are members too). */
export interface IdeaMember {
  brandId: string;
  memberId: string;
  userId: string;
  staff: boolean;
}

/** Brand staff acting on ideas. */
export interface IdeaStaff {
  brandId: string;
  memberId: string;
  userId: string;
}

/**
 * Members see published ideas; an author also sees their own waiting, rejected or hidden ones (with the
 * reason), staff see everything. Anything else looks exactly like a missing idea.
 */
export function canSee(viewer: Viewer, idea: Pick<IdeaRow, "brandId" | "state" | "authorId">): boolean {
  if (idea.brandId !== viewer.brandId) return false;
  return idea.state === "published" || viewer.staff || (viewer.memberId !== null && idea.authorId === viewer.memberId);
}

/** The idea if this viewer may see it; NOT_FOUND otherwise (another brand's idea included). */
export async function visibleIdea(db: DbOrTx, viewer: Viewer, ideaId: string): Promise<IdeaRow> {
  const [idea] = await db
    .select()
    .from(ideas)
    .where(and(eq(ideas.id, ideaId), eq(ideas.brandId, viewer.brandId)));
  if (!idea || !canSee(viewer, idea)) throw new DomainError("NOT_FOUND", "ideas.notFound");
  return idea;
}

/**
 * Locks the idea row of this brand. Every change to an idea's votes, comments, status or merge takes
 * this lock first, which serializes them per idea and keeps the counters exact.
 */
export async function lockIdea(tx: Tx, brandId: string, ideaId: string): Promise<IdeaRow> {
  const [idea] = await tx
    .select()
    .from(ideas)
    .where(and(eq(ideas.id, ideaId), eq(ideas.brandId, brandId)))
    .for("update");
  if (!idea) throw new DomainError("NOT_FOUND", "ideas.notFound");
  return idea;
}

/** Text search configuration per UI language; Azerbaijani and Georgian have none in PostgreSQL. */
export const SEARCH_CONFIG: Record<string, "english" | "turkish" | "simple"> = { en: "english", tr: "turkish", az: "simple", ka: "simple" };

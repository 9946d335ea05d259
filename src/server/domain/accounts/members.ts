import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { brands, memberships, type Role, users } from "../../db/schema";
import { DomainError } from "../errors";
import { handleBase, handleCandidate } from "./handles";

export async function findBrand(db: DbOrTx, slug: string) {
  const [brand] = await db.select().from(brands).where(eq(brands.slug, slug)).limit(1);
  return brand;
}

export async function requireBrand(db: DbOrTx, slug: string) {
  const brand = await findBrand(db, slug);
  if (!brand) throw new DomainError("NOT_FOUND", "brand.notFound", { brandSlug: "brand.notFound" });
  return brand;
}

/**
 * Adds the user to the brand with a unique handle; returns the existing membership if there is one.
 * Uses ON CONFLICT so a clash never aborts the surrounding transaction.
 */
export async function ensureMembership(db: DbOrTx, args: { userId: string; brandId: string; name: string; role?: Role }) {
  const [existing] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.brandId, args.brandId), eq(memberships.userId, args.userId)))
    .limit(1);
  if (existing) return existing;
  const base = handleBase(args.name);
  for (let attempt = 0; attempt < 12; attempt++) {
    const [row] = await db
      .insert(memberships)
      .values({
        brandId: args.brandId,
        userId: args.userId,
        role: args.role ?? "member",
        handle: handleCandidate(base, attempt),
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    const [raced] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.brandId, args.brandId), eq(memberships.userId, args.userId)))
      .limit(1);
    if (raced) return raced;
  }
  throw new Error(`could not find a free handle for ${base}`);
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

export async function profile(db: DbOrTx, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return undefined;
  const rows = await db
    .select({
      brandSlug: brands.slug,
      brandName: brands.name,
      handle: memberships.handle,
      role: memberships.role,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships)
    .innerJoin(brands, eq(brands.id, memberships.brandId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.joinedAt);
  return { id: user.id, email: user.email, name: user.name ?? "", timeZone: user.timeZone, memberships: rows };
}

export async function membershipOf(db: DbOrTx, userId: string, brandSlug: string) {
  const [row] = await db
    .select({ brandId: brands.id, role: memberships.role, handle: memberships.handle, membershipId: memberships.id })
    .from(memberships)
    .innerJoin(brands, eq(brands.id, memberships.brandId))
    .where(and(eq(memberships.userId, userId), eq(brands.slug, brandSlug)))
    .limit(1);
  return row;
}

export async function memberByHandle(db: DbOrTx, brandId: string, handle: string) {
  const [row] = await db
    .select({ brandId: memberships.brandId, memberId: memberships.id, userId: memberships.userId, handle: memberships.handle })
    .from(memberships)
    .where(and(eq(memberships.brandId, brandId), sql`lower(${memberships.handle}) = lower(${handle})`))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "points.memberNotFound", { handle: "points.memberNotFound" });
  return row;
}

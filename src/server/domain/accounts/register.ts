import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { DomainError } from "../errors";
import { inTransaction } from "../points/ledger";
import { attachReferral } from "../referrals/attach";
import type { SignUpSource } from "../referrals/request";
import { ensureMembership, requireBrand } from "./members";
import { hashPassword } from "./passwords";

export interface RegisterArgs {
  email: string;
  password: string;
  name: string;
  brandSlug: string;
  /** Where the sign-up came from, when it may carry an invite. */
  referral?: SignUpSource;
}

/**
 * Creates a user and a membership in one transaction: either both exist afterwards or neither.
 * Input must already be validated (trimmed, lower-cased e-mail).
 */
export async function registerMember(db: Db, args: RegisterArgs) {
  const brand = await requireBrand(db, args.brandSlug);
  const passwordHash = await hashPassword(args.password);
  // inTransaction: an invite that qualifies at sign-up pays points, whose board changes flush at commit.
  return inTransaction(db, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: args.email, name: args.name, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) throw new DomainError("CONFLICT", "email.taken", { email: "email.taken" });
    const membership = await ensureMembership(tx, { userId: user.id, brandId: brand.id, name: args.name });
    if (args.referral?.code) await attachReferral(tx, { userId: user.id, email: args.email, name: args.name, source: args.referral });
    return { userId: user.id, handle: membership.handle, brandSlug: brand.slug };
  });
}

/** Creates the account or resets its password, and makes it admin of the brand. */
export async function ensureAdmin(db: Db, args: { email: string; password: string; brandId: string; name?: string }) {
  const passwordHash = await hashPassword(args.password);
  return db.transaction(async (tx) => {
    const name = args.name ?? "Admin";
    const [user] = await tx
      .insert(users)
      .values({ email: args.email, name, passwordHash, emailVerified: new Date() })
      .onConflictDoUpdate({ target: users.email, set: { passwordHash } })
      .returning({ id: users.id, name: users.name });
    if (!user) throw new Error("admin upsert returned no row");
    const membership = await ensureMembership(tx, { userId: user.id, brandId: args.brandId, name: user.name ?? name, role: "admin" });
    if (membership.role !== "admin") {
      await tx.execute(sql`update memberships set role = 'admin' where id = ${membership.id}`);
    }
    return { userId: user.id };
  });
}

export async function userPasswordHash(db: Db, email: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return row;
}

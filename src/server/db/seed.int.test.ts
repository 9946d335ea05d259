import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questInput } from "@/lib/validation/quests";
import { verifyPassword } from "../domain/accounts/passwords";
import { ensureAdmin } from "../domain/accounts/register";
import { top } from "../domain/boards/queries";
import { openTestDb } from "../test/db";
import { type DbHandle, rowsOf } from "./client";
import { brands, memberships, quests, users } from "./schema";
import { DEMO_ADMIN_EMAIL, ensureDefaultBrand, seedDemo } from "./seed";

// Seeding only happens on an empty database, so this file always uses its own in-memory PGlite.
let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb({ forcePglite: true });
});
afterAll(async () => h.close());

describe("demo seed", () => {
  it("creates the demo brand, twelve members and an admin with a random password, once", async () => {
    const first = await seedDemo(h.db);
    expect(first.seeded).toBe(true);
    expect(first.adminEmail).toBe(DEMO_ADMIN_EMAIL);
    expect(first.adminPassword).toMatch(/^[\w-]{16}$/);
    const [brand] = await h.db.select().from(brands).where(eq(brands.slug, "demo"));
    const rows = await h.db
      .select({ role: memberships.role, n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(eq(memberships.brandId, brand?.id ?? ""))
      .groupBy(memberships.role);
    expect(Object.fromEntries(rows.map((r) => [r.role, r.n]))).toEqual({ member: 12, admin: 1 });
    const [admin] = await h.db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
    expect(await verifyPassword(admin?.passwordHash ?? "", first.adminPassword ?? "")).toBe(true);

    // Demo quests show every kind and obey the same rules as quests built by staff.
    const demoQuests = await h.db
      .select()
      .from(quests)
      .where(eq(quests.brandId, brand?.id ?? ""));
    expect(new Set(demoQuests.map((q) => q.kind))).toEqual(new Set(["habit", "review", "share", "custom"]));
    for (const q of demoQuests) expect(questInput.safeParse(q).success, q.title).toBe(true);

    // A first week of points, so the leaderboard and this week's league are not empty on first start.
    const board = await top(h.db, brand?.id ?? "", { board: "points", period: "week", limit: 20 });
    expect(board.rows.map((r) => r.points)).toEqual([180, 150, 150, 120, 95, 80, 70, 55, 40, 30, 20, 10]);
    const [league] = rowsOf<{ n: number | string }>(
      await h.db.execute(sql`select count(*) as n from league_entries where brand_id = ${brand?.id ?? ""}`),
    );
    expect(Number(league?.n)).toBe(12);

    const second = await seedDemo(h.db);
    expect(second).toEqual({ seeded: false });
  });

  it("bootstraps an operator's admin account and resets its password on the next start", async () => {
    const brand = await ensureDefaultBrand(h.db, "acme");
    expect(brand.slug).toBe("acme");
    await ensureAdmin(h.db, { email: "ops@acme.test", password: "first password!", brandId: brand.id });
    const { userId } = await ensureAdmin(h.db, { email: "ops@acme.test", password: "second password!", brandId: brand.id });
    const [user] = await h.db.select().from(users).where(eq(users.email, "ops@acme.test"));
    expect(user?.id).toBe(userId);
    expect(await verifyPassword(user?.passwordHash ?? "", "second password!")).toBe(true);
    expect(await verifyPassword(user?.passwordHash ?? "", "first password!")).toBe(false);
    const rows = await h.db.select().from(memberships).where(eq(memberships.userId, userId));
    expect(rows.map((r) => [r.brandId, r.role])).toEqual([[brand.id, "admin"]]);
  });

  it("promotes an existing member to admin", async () => {
    const brand = await ensureDefaultBrand(h.db, "demo");
    const [member] = await h.db.select().from(users).where(eq(users.email, "member1@demo.sadiq.local"));
    await ensureAdmin(h.db, { email: "member1@demo.sadiq.local", password: "now an admin!", brandId: brand.id });
    const [row] = await h.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, member?.id ?? ""));
    expect(row?.role).toBe("admin");
  });
});

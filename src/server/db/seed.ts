import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { ensureMembership, findBrand } from "../domain/accounts/members";
import { ensureAdmin } from "../domain/accounts/register";
import { createIdea } from "../domain/ideas/ideas";
import { voteIdea } from "../domain/ideas/votes";
import { award } from "../domain/points/ledger";
import { seedDemoReferrals } from "../domain/referrals/demo";
import { seedDemoSurprises } from "../domain/surprises/demo";
import { env } from "../env";
import type { Db } from "./client";
import { brands, ideaStatusChanges, ideas, memberships, quests, users } from "./schema";

/** Quests that show each kind at work: habits (one with health values), a review, a share and a custom one. */
const DEMO_QUESTS: Omit<typeof quests.$inferInsert, "brandId">[] = [
  {
    kind: "habit",
    title: "Morning walk or run",
    description: "Log how far you went. 20 points per km, up to 1,000 a month.",
    icon: "run",
    basePoints: 20,
    pointsPerUnit: 20,
    cadence: "daily",
    evidence: "value",
    unit: "km",
    capMonth: 1000,
    health: true,
  },
  {
    kind: "habit",
    title: "Blood-pressure log",
    description: "Measure and note your blood pressure. Only you can see the numbers.",
    icon: "heart",
    basePoints: 20,
    cadence: "daily",
    evidence: "value",
    unit: "mmHg",
    capMonth: 1000,
    health: true,
  },
  {
    kind: "habit",
    title: "Smoke-free day",
    description: "Another day without a cigarette.",
    icon: "leaf",
    basePoints: 20,
    cadence: "daily",
    capMonth: 1000,
  },
  {
    kind: "habit",
    title: "Stretch three times a week",
    description: "Ten minutes of stretching.",
    icon: "bolt",
    basePoints: 15,
    cadence: "times_per_week",
    cadenceN: 3,
  },
  {
    kind: "review",
    title: "Review something you tried",
    description: "Tell other regulars what you thought — honest reviews earn the same, whatever the stars.",
    icon: "review",
    basePoints: 50,
    cadence: "weekly",
    requiresApproval: true,
  },
  {
    kind: "share",
    title: "Invite a friend to look",
    description: "Share the café's page.",
    icon: "share",
    basePoints: 25,
    cadence: "weekly",
    shareTarget: "brand",
  },
  {
    kind: "custom",
    title: "Come to a tasting evening",
    description: "Recorded by the café when you attend.",
    icon: "gift",
    basePoints: 100,
    cadence: "once",
  },
];

const DEMO_MEMBERS = [
  "Aysel Məmmədova",
  "Murad Əliyev",
  "Leyla Hüseynova",
  "Elif Yılmaz",
  "Mehmet Kaya",
  "Zeynep Çelik",
  "Nino Beridze",
  "Giorgi Kapanadze",
  "Tamar Lomidze",
  "Sam Carter",
  "Maya Chen",
  "Omar Haddad",
];

/** Points the demo members earned in their first week: varied, with a tie. */
const DEMO_POINTS = [180, 150, 150, 120, 95, 80, 70, 55, 40, 30, 20, 10];

export const DEMO_ADMIN_EMAIL = "admin@demo.sadiq.local";

/** Ideas the regulars proposed, with where each stands, so the ideas list and the roadmap are alive on first start. */
const DEMO_IDEAS: ReadonlyArray<{
  title: string;
  body: string;
  tags: string[];
  status: "open" | "planned" | "in_progress" | "shipped";
  votes: number;
}> = [
  {
    title: "Oat milk at no extra charge",
    body: "Plant milks cost **50 qəpik** more today. Many of us drink oat milk every day — could it cost the same as dairy?",
    tags: ["menu", "prices"],
    status: "planned",
    votes: 9,
  },
  {
    title: "A quiet corner for remote work",
    body: "A few tables with sockets and no music before noon would make the café our office.",
    tags: ["space"],
    status: "in_progress",
    votes: 7,
  },
  {
    title: "Bring your own cup discount",
    body: "Reward reusable cups with a small discount or bonus points, like many cafés in Europe do.",
    tags: ["sustainability", "prices"],
    status: "shipped",
    votes: 6,
  },
  {
    title: "Pomegranate lemonade in summer",
    body: "Fresh *nar* lemonade would be perfect for Baku summers.",
    tags: ["menu"],
    status: "open",
    votes: 4,
  },
  {
    title: "Board game evenings on Thursdays",
    body: "Nardy, chess and modern board games — a weekly evening for regulars to meet.",
    tags: ["events"],
    status: "open",
    votes: 2,
  },
];

/**
 * Seeds the demo ideas through the ideas module (so counts, search and events are real), then places them on
 * the roadmap directly: these are the brand's history, not staff decisions, so they pay nobody.
 */
async function seedIdeas(db: Db, brandId: string, members: ReadonlyArray<{ memberId: string; userId: string }>) {
  for (const [i, idea] of DEMO_IDEAS.entries()) {
    const author = members[i % members.length];
    if (!author) return;
    const created = await createIdea(
      db,
      { brandId, ...author, staff: false },
      { title: idea.title, body: idea.body, tags: idea.tags, locale: "en", idempotencyKey: `seed-idea-${i}` },
    );
    for (let v = 0; v < idea.votes; v++) {
      const voter = members[(i + v + 1) % members.length];
      if (voter) await voteIdea(db, { brandId, ...voter, staff: false }, created.id);
    }
    if (idea.status !== "open") {
      await db.update(ideas).set({ status: idea.status }).where(eq(ideas.id, created.id));
      await db.insert(ideaStatusChanges).values({ ideaId: created.id, fromStatus: "open", toStatus: idea.status });
    }
  }
}

export interface SeedResult {
  seeded: boolean;
  adminEmail?: string;
  adminPassword?: string;
}

/** Seeds the demo brand, a dozen members and an admin, only when there is no brand yet. */
export async function seedDemo(db: Db): Promise<SeedResult> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(brands);
  if (n > 0) return { seeded: false };
  const adminPassword = randomBytes(12).toString("base64url");
  const brand = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(brands)
      .values({
        slug: "demo",
        name: "Sadiq Demo Café",
        tagline: "A neighbourhood café whose regulars shape the menu.",
        timeZone: "Asia/Baku",
      })
      .onConflictDoNothing()
      .returning();
    if (!created) return undefined;
    await tx.insert(quests).values(DEMO_QUESTS.map((q) => ({ ...q, brandId: created.id })));
    for (const [i, name] of DEMO_MEMBERS.entries()) {
      const email = `member${i + 1}@demo.sadiq.local`;
      const [user] = await tx.insert(users).values({ email, name }).onConflictDoNothing().returning({ id: users.id });
      if (user) await ensureMembership(tx, { userId: user.id, brandId: created.id, name });
    }
    return created;
  });
  // Another process seeded at the same moment: it printed its own password.
  if (!brand) return { seeded: false };
  // A week of activity, so the leaderboards and this week's league have people in them on first start.
  const members = await db
    .select({ memberId: memberships.id, userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.brandId, brand.id), eq(memberships.role, "member")))
    .orderBy(memberships.joinedAt, memberships.handle);
  for (const [i, m] of members.entries()) {
    const base = DEMO_POINTS[i % DEMO_POINTS.length] ?? 10;
    await award(db, {
      member: { brandId: brand.id, ...m },
      base,
      source: "quest",
      reason: "Welcome week",
      key: `seed:welcome:${m.memberId}`,
    });
  }
  await seedIdeas(db, brand.id, members);
  await seedDemoReferrals(db, brand.id, members);
  if (env().SADIQ_DEMO_SURPRISES === "1") await seedDemoSurprises(db, brand.id);
  await ensureAdmin(db, { email: DEMO_ADMIN_EMAIL, password: adminPassword, brandId: brand.id, name: "Demo Admin" });
  return { seeded: true, adminEmail: DEMO_ADMIN_EMAIL, adminPassword };
}

/** The brand new sign-ups join; created bare when demo data is switched off. */
export async function ensureDefaultBrand(db: Db, slug: string) {
  const existing = await findBrand(db, slug);
  if (existing) return existing;
  await db
    .insert(brands)
    .values({ slug, name: slug.charAt(0).toUpperCase() + slug.slice(1) })
    .onConflictDoNothing();
  const created = await findBrand(db, slug);
  if (!created) throw new Error(`could not create brand ${slug}`);
  return created;
}

import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db/client";
import { memberships, quests, uploads } from "@/server/db/schema";
import { complete } from "@/server/domain/quests/completions";
import { grantConsent } from "@/server/domain/quests/habits";
import { moderateReview, submitReview } from "@/server/domain/reviews/reviews";
import { MAX_IMAGE_BYTES } from "@/server/domain/uploads/sniff";
import { resetAllLimits } from "@/server/rate-limit";
import { createBrand, openTestDb, uid } from "@/server/test/db";
import { newMember } from "@/server/test/points";
import { GET } from "./[id]/route";
import { POST } from "./route";

type Member = Awaited<ReturnType<typeof newMember>>;

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let owner: Member;
let peer: Member;
let moderator: Member;
let outsider: Member;

const ORIGIN = "http://127.0.0.1:3000";
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

async function cookieOf(m: Member | null): Promise<Record<string, string>> {
  if (!m) return {};
  return { cookie: `next-auth.session-token=${await encode({ token: { sub: m.userId }, secret: process.env.NEXTAUTH_SECRET ?? "" })}` };
}

async function upload(
  who: Member | null,
  opts: { bytes?: Uint8Array; type?: string; brandSlug?: string; purpose?: string; origin?: string; noFile?: boolean } = {},
) {
  const form = new FormData();
  form.set("brandSlug", opts.brandSlug ?? brand.slug);
  form.set("purpose", opts.purpose ?? "review");
  if (!opts.noFile) form.set("file", new Blob([Buffer.from(opts.bytes ?? PNG)], { type: opts.type ?? "image/png" }), "photo.png");
  const res = await POST(
    new Request(`${ORIGIN}/api/uploads`, {
      method: "POST",
      headers: { origin: opts.origin ?? ORIGIN, host: "127.0.0.1:3000", ...(await cookieOf(who)) },
      body: form,
    }),
  );
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { message: string; fields?: Record<string, string> } } };
}

async function view(who: Member | null, id: string) {
  return GET(new Request(`${ORIGIN}/api/uploads/${id}`, { headers: await cookieOf(who) }), { params: Promise.resolve({ id }) });
}

async function uploadId(who: Member, opts: Parameters<typeof upload>[1] = {}) {
  const r = await upload(who, opts);
  expect(r.status).toBe(201);
  return r.body.id ?? "";
}

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Upload brand");
  other = await createBrand(h, "Other upload brand");
  owner = await newMember(h.db, brand.slug, "Owner");
  peer = await newMember(h.db, brand.slug, "Peer");
  moderator = await newMember(h.db, brand.slug, "Moderator");
  await h.db.update(memberships).set({ role: "moderator" }).where(eq(memberships.id, moderator.memberId));
  outsider = await newMember(h.db, other.slug, "Outsider");
  await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, outsider.memberId));
});
beforeEach(() => resetAllLimits());
afterAll(async () => h.close());

describe("POST /api/uploads", () => {
  it("stores a PNG for a member and serves it back to them with safe headers", async () => {
    const r = await upload(owner);
    expect(r.status).toBe(201);
    const [row] = await h.db
      .select()
      .from(uploads)
      .where(eq(uploads.id, r.body.id ?? ""));
    expect(row).toMatchObject({
      memberId: owner.memberId,
      brandId: brand.id,
      purpose: "review",
      contentType: "image/png",
      size: PNG.length,
    });
    const form = new FormData();
    form.set("brandSlug", brand.slug);
    form.set("file", new Blob([PNG]), "evidence.png");
    const plain = await POST(new Request(`${ORIGIN}/api/uploads`, { method: "POST", headers: await cookieOf(owner), body: form }));
    const { id } = (await plain.json()) as { id: string };
    const [evidence] = await h.db.select().from(uploads).where(eq(uploads.id, id));
    expect(evidence?.purpose).toBe("evidence");
    const res = await view(owner, r.body.id ?? "");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });

  it("trusts the bytes, not the declared type", async () => {
    const jpeg = await uploadId(owner, { bytes: JPEG, type: "image/png" });
    expect((await view(owner, jpeg)).headers.get("content-type")).toBe("image/jpeg");
    const before = (await h.db.select().from(uploads)).length;
    const html = new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");
    const disguised = await upload(owner, { bytes: html, type: "image/jpeg" });
    expect(disguised).toEqual({
      status: 415,
      body: { error: { message: "uploads.unsupportedType", fields: { file: "uploads.unsupportedType" } } },
    });
    const svg = await upload(owner, {
      bytes: new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"),
      type: "image/svg+xml",
    });
    expect(svg.status).toBe(415);
    expect((await h.db.select().from(uploads)).length).toBe(before);
  });

  it("answers every bad request with its own status and a clear key", async () => {
    expect(await upload(null)).toMatchObject({ status: 401, body: { error: { message: "errors.signInRequired" } } });
    expect(await upload(owner, { origin: "https://evil.example" })).toMatchObject({
      status: 403,
      body: { error: { message: "errors.forbidden" } },
    });
    expect(await upload(owner, { brandSlug: other.slug })).toMatchObject({ status: 403 });
    expect(await upload(owner, { brandSlug: "NOT A SLUG" })).toMatchObject({
      status: 400,
      body: { error: { fields: { brandSlug: "brand.invalid" } } },
    });
    expect(await upload(owner, { purpose: "avatar" })).toMatchObject({
      status: 400,
      body: { error: { fields: { purpose: "uploads.badPurpose" } } },
    });
    expect(await upload(owner, { noFile: true })).toMatchObject({ status: 400, body: { error: { message: "uploads.fileRequired" } } });
    expect(await upload(owner, { bytes: new Uint8Array() })).toMatchObject({ status: 400, body: { error: { message: "uploads.empty" } } });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG);
    expect(await upload(owner, { bytes: big })).toMatchObject({ status: 413, body: { error: { message: "uploads.tooLarge" } } });
    const huge = new Uint8Array(MAX_IMAGE_BYTES + 200_000);
    huge.set(PNG);
    expect(await upload(owner, { bytes: huge })).toMatchObject({ status: 413 });

    const cookie = await cookieOf(owner);
    const notMultipart = await POST(
      new Request(`${ORIGIN}/api/uploads`, { method: "POST", headers: { ...cookie, "content-type": "application/json" }, body: "{}" }),
    );
    expect(notMultipart.status).toBe(400);
    const broken = await POST(
      new Request(`${ORIGIN}/api/uploads`, {
        method: "POST",
        headers: { ...cookie, "content-type": "multipart/form-data; boundary=xyz" },
        body: "--xyz\r\nnot really multipart",
      }),
    );
    expect(broken.status).toBe(400);
  });

  it("limits how often one member uploads", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await upload(owner, { bytes: new Uint8Array([1, 2, 3]) })).status);
    expect(statuses.slice(0, 30).every((s) => s === 415)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe("GET /api/uploads/[id]", () => {
  it("shows a review photo to its owner and the brand's staff until approved, then to anyone", async () => {
    const photo = await uploadId(owner);
    for (const who of [peer, outsider, null]) expect((await view(who, photo)).status).toBe(404);
    expect((await view(moderator, photo)).status).toBe(200);

    const [quest] = await h.db
      .insert(quests)
      .values({ brandId: brand.id, kind: "review", title: `Review ${uid()}`, basePoints: 10, cadence: "once" })
      .returning();
    const { review } = await submitReview(h.db, owner, {
      questId: quest?.id ?? "",
      product: "Kettle",
      rating: 2,
      body: "It boils fast but the lid sticks and the handle gets far too hot to hold.",
      photoId: photo,
      idempotencyKey: `key-${uid()}`,
    });
    expect((await view(peer, photo)).status).toBe(404);
    await moderateReview(h.db, { brandId: brand.id, userId: moderator.userId }, { reviewId: review.id, decision: "approve" });
    for (const who of [peer, outsider, null]) expect((await view(who, photo)).status).toBe(200);
    await moderateReview(
      h.db,
      { brandId: brand.id, userId: moderator.userId },
      { reviewId: review.id, decision: "remove", reason: "Off topic" },
    );
    expect((await view(null, photo)).status).toBe(404);
  });

  it("shows quest evidence to staff only once attached to a non-health completion", async () => {
    const photo = await uploadId(owner, { purpose: "evidence" });
    expect((await view(moderator, photo)).status).toBe(404);
    const [quest] = await h.db
      .insert(quests)
      .values({
        brandId: brand.id,
        kind: "habit",
        title: "Tidy a park",
        basePoints: 10,
        cadence: "once",
        evidence: "photo",
        requiresApproval: true,
      })
      .returning();
    await complete(h.db, { member: owner, questId: quest?.id ?? "", key: `k-${uid()}`, source: "member", photoId: photo });
    expect((await view(moderator, photo)).status).toBe(200);
    for (const who of [peer, outsider, null]) expect((await view(who, photo)).status).toBe(404);
  });

  it("serves the photo evidence of a health quest to its owner alone", async () => {
    const photo = await uploadId(owner, { purpose: "evidence" });
    await grantConsent(h.db, owner);
    const [quest] = await h.db
      .insert(quests)
      .values({
        brandId: brand.id,
        kind: "habit",
        title: "Blood pressure",
        basePoints: 10,
        cadence: "daily",
        evidence: "photo",
        health: true,
        requiresApproval: true,
      })
      .returning();
    await complete(h.db, { member: owner, questId: quest?.id ?? "", key: `k-${uid()}`, source: "member", photoId: photo });
    expect((await view(owner, photo)).status).toBe(200);
    for (const who of [moderator, peer, outsider, null]) expect((await view(who, photo)).status).toBe(404);
  });

  it("answers 404 for ids that are not uuids or do not exist", async () => {
    expect((await view(owner, "../../etc/passwd")).status).toBe(404);
    expect((await view(owner, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { mutate, query, registerMember, signedInClient } from "../support/api";
import { ADMIN } from "../support/env";

// Who may exclude members, rebuild boards and change leagues, checked on the server for every call.
const brandSlug = "demo";

interface Failure {
  message: string;
  data: { code: string; fields?: Record<string, string> | null };
}

/** A query's status and error, where `query` from support/api expects success. */
async function tryQuery(api: APIRequestContext, path: string, input: unknown) {
  const res = await api.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { error?: { json: Failure } };
  return { status: res.status(), error: body.error?.json };
}

const excludedOf = async (api: APIRequestContext) =>
  (await query<{ excluded: boolean }>(api, "leaderboards.me", { brandSlug, board: "points", period: "all" })).excluded;

test("a member cannot exclude, recompute, configure leagues or read the staff lists", async () => {
  const member = await registerMember("Board Tinkerer");
  const target = await registerMember("Board Target");
  const calls = [
    ["leaderboards.exclude", { brandSlug, handle: target.handle, reason: "Looks suspicious" }],
    ["leaderboards.exclude", { brandSlug, handle: member.handle, excluded: false, reason: "Let me back in" }],
    ["leaderboards.recompute", { brandSlug, board: "points" }],
    ["leagues.configure", { brandSlug, cohortSize: 2, promote: 1, demote: 1, prizes: [100_000, 100_000], divisions: ["Mine"] }],
  ] as const;
  for (const [path, input] of calls) {
    const r = await mutate(member.api, path, input);
    expect([path, r.status, r.error?.data.code, r.error?.message]).toEqual([path, 403, "FORBIDDEN", "errors.forbidden"]);
  }
  for (const path of ["leaderboards.exclusions", "leagues.settings"]) {
    const r = await tryQuery(member.api, path, { brandSlug });
    expect([path, r.status, r.error?.data.code]).toEqual([path, 403, "FORBIDDEN"]);
  }
  expect(await excludedOf(target.api)).toBe(false);
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const settings = await query<{ divisions: string[] }>(admin, "leagues.settings", { brandSlug });
  expect(settings.divisions).not.toEqual(["Mine"]);
  await admin.dispose();
});

test("staff of the demo brand cannot touch another brand, nor a member outside their own", async () => {
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const member = await registerMember("Other Brand Hopeful");
  // Another community's slug, and one that does not exist, answer alike: no probing.
  for (const slug of ["acme", `nope-${randomUUID().slice(0, 8)}`]) {
    const calls = [
      ["leaderboards.exclude", { brandSlug: slug, handle: member.handle, reason: "Wrong community" }],
      ["leaderboards.recompute", { brandSlug: slug, board: "points" }],
      ["leagues.configure", { brandSlug: slug, cohortSize: 10, promote: 2, demote: 2, prizes: [10], divisions: ["Only"] }],
    ] as const;
    for (const [path, input] of calls) {
      const r = await mutate(admin, path, input);
      expect([slug, path, r.status, r.error?.message]).toEqual([slug, path, 403, "errors.forbidden"]);
    }
    for (const path of ["leaderboards.exclusions", "leagues.settings"]) {
      const r = await tryQuery(admin, path, { brandSlug: slug });
      expect([slug, path, r.status]).toEqual([slug, path, 403]);
    }
  }
  // A member id the demo brand does not hold is not found, whoever it belongs to.
  const stranger = await mutate(admin, "leaderboards.exclude", { brandSlug, memberId: randomUUID(), reason: "Not one of ours" });
  expect([stranger.status, stranger.error?.message]).toEqual([404, "boards.memberNotFound"]);
  expect(await excludedOf(member.api)).toBe(false);
  await admin.dispose();
});

test("the server checks reasons and league settings like the form, and audits exclusions", async () => {
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const member = await registerMember("Audited Member");

  const short = await mutate(admin, "leaderboards.exclude", { brandSlug, handle: member.handle, reason: " ab " });
  expect([short.status, short.error?.message, (short.error as Failure | undefined)?.data.fields]).toEqual([
    400,
    "form.invalid",
    { reason: "boards.reasonRequired" },
  ]);
  expect(await excludedOf(member.api)).toBe(false);

  const done = await mutate(admin, "leaderboards.exclude", { brandSlug, handle: member.handle.toUpperCase(), reason: "Bought reviews" });
  expect([done.status, done.data]).toEqual([200, expect.objectContaining({ handle: member.handle, excluded: true })]);
  expect(await excludedOf(member.api)).toBe(true);
  const list = await query<{ memberId: string; handle: string; reason: string }[]>(admin, "leaderboards.exclusions", { brandSlug });
  const row = list.find((r) => r.handle === member.handle);
  expect(row).toMatchObject({ reason: "Bought reviews" });
  const audit = await query<{ items: { action: string; targetId: string; reason: string | null }[] }>(admin, "audit.list", {
    brandSlug,
    limit: 100,
  });
  expect(audit.items).toContainEqual(
    expect.objectContaining({ action: "boards.exclude", targetId: row?.memberId, reason: "Bought reviews" }),
  );

  const back = await mutate(admin, "leaderboards.exclude", { brandSlug, memberId: row?.memberId, excluded: false, reason: "Refunded" });
  expect(back.status).toBe(200);
  expect(await excludedOf(member.api)).toBe(false);

  // Prizes aside, which the browser spec changes for a moment, nothing may move.
  const zonesOf = async () => {
    const { prizes: _prizes, ...rest } = await query<Record<string, unknown>>(admin, "leagues.settings", { brandSlug });
    return rest;
  };
  const before = await zonesOf();
  const zones = await mutate(admin, "leagues.configure", {
    brandSlug,
    cohortSize: 10,
    promote: 6,
    demote: 5,
    prizes: [30, 20, 10],
    divisions: ["Low", "High"],
  });
  expect([zones.status, (zones.error as Failure | undefined)?.data.fields]).toEqual([400, { promote: "leagues.zonesTooBig" }]);
  expect(await zonesOf()).toEqual(before);
  await admin.dispose();
});

import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, request as playwrightRequest } from "@playwright/test";
import { ADMIN, BASE_URL } from "./env";

let ipCounter = 0;
const nextIp = () => {
  ipCounter += 1;
  return `198.21.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

/** A cookie-keeping HTTP client signed in through the real credentials endpoint. */
export async function signedInClient(email: string, password: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "x-forwarded-for": nextIp() } });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

export async function registerMember(name: string): Promise<{ email: string; password: string; handle: string; api: APIRequestContext }> {
  const email = `api.${randomUUID().slice(0, 8)}@e2e.sadiq.test`;
  const password = "api member password";
  const anon = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "x-forwarded-for": nextIp() } });
  const res = await anon.post("/api/trpc/auth.register", { data: { json: { email, password, name } } });
  expect(res.status(), await res.text()).toBe(200);
  const { handle } = ((await res.json()) as { result: { data: { json: { handle: string } } } }).result.data.json;
  await anon.dispose();
  return { email, password, handle, api: await signedInClient(email, password) };
}

export async function mutate(api: APIRequestContext, path: string, input: unknown) {
  const res = await api.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: BASE_URL } });
  const body = (await res.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return { status: res.status(), data: body.result?.data.json, error: body.error?.json };
}

export async function query<T>(api: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await api.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

export const key = () => randomUUID();

/** Staff create a quest through the API, as the quest builder does; returns its id. */
export async function createQuest(quest: Record<string, unknown>, brandSlug = "demo"): Promise<string> {
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const res = await mutate(admin, "quests.create", { brandSlug, quest });
  await admin.dispose();
  expect(res.status, JSON.stringify(res.error)).toBe(200);
  return (res.data as { id: string }).id;
}

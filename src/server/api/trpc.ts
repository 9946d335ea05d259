import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { brandSlugSchema } from "@/lib/validation/auth";
import { userIdFromCookieHeader } from "../auth/session";
import { clientIpFrom } from "../client-ip";
import { type Db, getDb } from "../db/client";
import type { Role } from "../db/schema";
import { membershipOf, requireBrand } from "../domain/accounts/members";
import { DomainError } from "../domain/errors";
import { hit, LIMITS } from "../rate-limit";

export interface Context {
  db: Db;
  userId: string | null;
  ip: string;
  /** The raw Cookie header and user agent, for sign-ups that carry an invite (`sadiq_ref`, `sadiq_vid`). */
  cookieHeader?: string | null;
  userAgent?: string;
}

export async function createContext(req: Request): Promise<Context> {
  return {
    db: getDb(),
    userId: await userIdFromCookieHeader(req.headers.get("cookie")),
    ip: clientIpFrom(req.headers),
    cookieHeader: req.headers.get("cookie"),
    userAgent: req.headers.get("user-agent") ?? "",
  };
}

interface Issue {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

const segment = (p: PropertyKey | { key: PropertyKey } | undefined) => (typeof p === "object" && p !== null ? p.key : p);

/**
 * Field messages keyed by the field a form shows: the top-level key, or for an input that wraps one
 * object (`{ quest: { title } }`, `{ patch: { cost } }`) the key inside it.
 */
export function issueFields(cause: unknown): Record<string, string> | undefined {
  const issues = (cause as { issues?: Issue[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const first = segment(issue.path?.[0]);
    const second = segment(issue.path?.[1]);
    const key = String(typeof second === "string" ? second : (first ?? "form"));
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Clients get a code, a translation key and field messages — never a stack trace or SQL.
  errorFormatter({ shape, error }) {
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const fields = error.cause instanceof DomainError ? error.cause.fields : issueFields(error.cause);
    // Input validation failures read "check the highlighted fields"; business refusals keep their own key.
    const domain = error.cause instanceof DomainError;
    const message = internal ? "errors.internal" : !domain && fields && error.code === "BAD_REQUEST" ? "form.invalid" : error.message;
    return {
      message,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fields: fields ?? null },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns a DomainError from business code into the matching tRPC error. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const d = result.error.cause;
    throw new TRPCError({ code: d.code, message: d.key, cause: d });
  }
  return result;
});

const mutationLimits = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation") {
    const wait = Math.max(
      hit(`mut:ip:${ctx.ip}`, LIMITS.mutationPerIp),
      ctx.userId ? hit(`mut:user:${ctx.userId}`, LIMITS.mutationPerUser) : 0,
    );
    if (wait) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "errors.rateLimited" });
  }
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(mutationLimits);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.signInRequired" });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

const ROLE_RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };

function brandProcedure(minRole: Role) {
  return authedProcedure.input(z.object({ brandSlug: brandSlugSchema })).use(async ({ ctx, input, next }) => {
    const membership = await membershipOf(ctx.db, ctx.userId, input.brandSlug);
    // Not a member and no such brand look the same, so brand slugs cannot be probed.
    if (!membership || ROLE_RANK[membership.role] < ROLE_RANK[minRole]) {
      throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
    }
    const member = { brandId: membership.brandId, memberId: membership.membershipId, userId: ctx.userId };
    return next({ ctx: { ...ctx, membership, member } });
  });
}

/** Signed in and a member of the brand named by `brandSlug`. */
export const memberProcedure = brandProcedure("member");
/** Moderator or admin of the brand named by `brandSlug`. */
export const staffProcedure = (role: "moderator" | "admin" = "moderator") => brandProcedure(role);

/**
 * Anyone, signed in or not, looking at a brand's public pages (ideas, the roadmap). `viewer` says who
 * they are in that brand: what they may see and do is decided by the domain from it.
 */
export const brandViewerProcedure = publicProcedure.input(z.object({ brandSlug: brandSlugSchema })).use(async ({ ctx, input, next }) => {
  const brand = await requireBrand(ctx.db, input.brandSlug);
  const membership = ctx.userId ? await membershipOf(ctx.db, ctx.userId, input.brandSlug) : undefined;
  const viewer = {
    brandId: brand.id,
    userId: membership ? ctx.userId : null,
    memberId: membership?.membershipId ?? null,
    staff: membership ? ROLE_RANK[membership.role] >= ROLE_RANK.moderator : false,
  };
  return next({ ctx: { ...ctx, viewer } });
});

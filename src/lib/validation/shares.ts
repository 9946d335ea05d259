import { z } from "zod";
import { locales } from "@/i18n/config";
import { SHARE_TARGETS } from "./quests";

/** The public part of /s/<code>: url-safe base64 from node:crypto. */
export const shareCode = z.string({ error: "shares.notFound" }).regex(/^[A-Za-z0-9_-]{10,32}$/, { error: "shares.notFound" });

/** The visitor cookie's value; anything else a client sends is replaced with a fresh one. */
export const VISITOR_COOKIE = "sadiq_vid";
export const visitorId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const shareCreateInput = z.object({
  /** A share quest pays for the link and decides what it points to; any other quest is simply shared. */
  questId: z.string().uuid({ error: "shares.questNotFound" }).optional(),
  target: z.enum(SHARE_TARGETS, { error: "shares.badTarget" }).optional(),
  targetId: z.string().trim().min(1, { error: "shares.badTarget" }).max(100, { error: "shares.badTarget" }).optional(),
  /** Language of the suggested title and text. */
  locale: z.enum(locales).default("en"),
});

export const visitBeaconInput = z.object({ code: shareCode });

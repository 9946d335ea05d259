import { z } from "zod";

export const BOARD_IDS = ["points", "reviews", "checkins", "shares", "referrals", "streak"] as const;
export const PERIODS = ["all", "week", "month"] as const;
export type BoardName = (typeof BOARD_IDS)[number];
export type PeriodName = (typeof PERIODS)[number];

export const boardRef = z.object({
  board: z.enum(BOARD_IDS, { error: "boards.unknownBoard" }),
  period: z.enum(PERIODS, { error: "boards.noSuchPeriod" }).default("all"),
});

export const topInput = boardRef.extend({
  limit: z.number({ error: "boards.badLimit" }).int("boards.badLimit").min(1, "boards.badLimit").max(100, "boards.badLimit").default(25),
  cursor: z.number({ error: "boards.badCursor" }).int("boards.badCursor").min(0, "boards.badCursor").max(10_000_000).nullish(),
});

export const sinceInput = boardRef.extend({
  seq: z.number({ error: "boards.badSeq" }).int("boards.badSeq").min(0, "boards.badSeq").max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(100).default(25),
});

export const reasonText = z
  .string({ error: "boards.reasonRequired" })
  .trim()
  .min(3, "boards.reasonRequired")
  .max(500, "boards.reasonTooLong");

/** Staff name the member by id (from a board row) or by handle (typed). */
export const excludeInput = z
  .object({
    memberId: z.uuid({ error: "boards.memberNotFound" }).optional(),
    // "@aysel" and "aysel" name the same member, as in points.award.
    handle: z
      .string()
      .trim()
      .transform((h) => h.replace(/^@/, ""))
      .pipe(z.string().min(1, "boards.memberNotFound").max(64, "boards.memberNotFound"))
      .optional(),
    excluded: z.boolean().default(true),
    reason: reasonText,
  })
  .refine((v) => !!v.memberId || !!v.handle, { message: "boards.memberNotFound", path: ["handle"] });

export const leagueConfigInput = z
  .object({
    cohortSize: z.number({ error: "leagues.badSize" }).int("leagues.badSize").min(2, "leagues.badSize").max(100, "leagues.badSize"),
    promote: z.number({ error: "leagues.badZone" }).int("leagues.badZone").min(0, "leagues.badZone").max(99, "leagues.badZone"),
    demote: z.number({ error: "leagues.badZone" }).int("leagues.badZone").min(0, "leagues.badZone").max(99, "leagues.badZone"),
    prizes: z
      .array(z.number({ error: "leagues.badPrize" }).int("leagues.badPrize").min(0, "leagues.badPrize").max(100_000, "leagues.badPrize"), {
        error: "leagues.badPrize",
      })
      .max(10, "leagues.badPrize"),
    divisions: z
      .array(z.string().trim().min(1, "leagues.badDivision").max(40, "leagues.badDivision"), { error: "leagues.badDivision" })
      .min(1, "leagues.badDivision")
      .max(10, "leagues.badDivision"),
  })
  .refine((c) => c.promote + c.demote <= c.cohortSize, { message: "leagues.zonesTooBig", path: ["promote"] })
  .refine((c) => c.prizes.length <= c.cohortSize, { message: "leagues.badPrize", path: ["prizes"] });

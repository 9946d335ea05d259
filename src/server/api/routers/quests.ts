import { z } from "zod";
import { checkInInput, questInput, uuid } from "@/lib/validation/quests";
import { complete, undo } from "../../domain/quests/completions";
import { consentStatus, deleteHabitData, exportHabits, grantConsent, withdrawConsent } from "../../domain/quests/habits";
import {
  adminList,
  createQuest,
  getForMember,
  listForMember,
  publicCompletion,
  questStats,
  setArchived,
  streaksOf,
  updateQuest,
} from "../../domain/quests/quests";
import { requireOwnUpload } from "../../domain/uploads/uploads";
import { memberProcedure, router, staffProcedure } from "../trpc";

const questRef = z.object({ questId: uuid });

export const questsRouter = router({
  list: memberProcedure.query(({ ctx }) => listForMember(ctx.db, ctx.member)),
  get: memberProcedure.input(questRef).query(({ ctx, input }) => getForMember(ctx.db, ctx.member, input.questId)),
  checkIn: memberProcedure.input(checkInInput).mutation(async ({ ctx, input }) => {
    // Evidence must be the member's own upload of this brand, never someone else's photo id.
    if (input.photoId) await requireOwnUpload(ctx.db, ctx.member, input.photoId, "evidence");
    // Only habits are checked in by hand; reviews, shares and custom quests have their own paths.
    const r = await complete(ctx.db, {
      member: ctx.member,
      questId: input.questId,
      key: `checkin:${input.idempotencyKey}`,
      source: "member",
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.note ? { note: input.note } : {}),
      ...(input.link ? { link: input.link } : {}),
      ...(input.photoId ? { photoId: input.photoId } : {}),
      onlyKinds: ["habit"],
    });
    return {
      completion: publicCompletion(r.completion),
      points: r.points,
      bonus: r.bonus,
      milestone: r.milestone,
      capped: r.capped,
      replayed: r.replayed,
      streak: r.streak
        ? { current: r.streak.current, best: r.streak.best, freezes: r.streak.freezes, done: r.streak.done, target: r.streak.target }
        : null,
    };
  }),
  undoCheckIn: memberProcedure.input(z.object({ completionId: uuid })).mutation(async ({ ctx, input }) => {
    const r = await undo(ctx.db, { member: ctx.member, completionId: input.completionId });
    return { completion: publicCompletion(r.completion) };
  }),

  adminList: staffProcedure("moderator")
    .input(z.object({ includeArchived: z.boolean().default(false) }))
    .query(({ ctx, input }) => adminList(ctx.db, ctx.member.brandId, input.includeArchived)),
  create: staffProcedure("admin")
    .input(z.object({ quest: questInput }))
    .mutation(({ ctx, input }) => createQuest(ctx.db, ctx.member.brandId, ctx.userId, input.quest)),
  update: staffProcedure("admin")
    .input(z.object({ questId: uuid, quest: questInput }))
    .mutation(({ ctx, input }) => updateQuest(ctx.db, ctx.member.brandId, ctx.userId, input.questId, input.quest)),
  archive: staffProcedure("admin")
    .input(questRef)
    .mutation(({ ctx, input }) => setArchived(ctx.db, ctx.member.brandId, ctx.userId, input.questId, true)),
  restore: staffProcedure("admin")
    .input(questRef)
    .mutation(({ ctx, input }) => setArchived(ctx.db, ctx.member.brandId, ctx.userId, input.questId, false)),
  stats: staffProcedure("moderator")
    .input(questRef)
    .query(({ ctx, input }) => questStats(ctx.db, ctx.member.brandId, input.questId)),
});

export const streaksRouter = router({
  mine: memberProcedure.query(({ ctx }) => streaksOf(ctx.db, ctx.member)),
});

export const habitsRouter = router({
  consentStatus: memberProcedure.query(({ ctx }) => consentStatus(ctx.db, ctx.member)),
  grantConsent: memberProcedure.mutation(({ ctx }) => grantConsent(ctx.db, ctx.member)),
  withdrawConsent: memberProcedure.mutation(({ ctx }) => withdrawConsent(ctx.db, ctx.member)),
  export: memberProcedure.query(({ ctx }) => exportHabits(ctx.db, ctx.member)),
  deleteData: memberProcedure.mutation(({ ctx }) => deleteHabitData(ctx.db, ctx.member)),
});

import { TRPCError } from "@trpc/server";
import {
  commentInput,
  configureInput,
  createInput,
  deleteCommentInput,
  editCommentInput,
  flagInput,
  getInput,
  listInput,
  mergeInput,
  moderateInput,
  muteInput,
  notificationsInput,
  queueInput,
  readNotificationsInput,
  setStatusInput,
  similarInput,
  unmergeInput,
  updateInput,
  voteInput,
} from "@/lib/validation/ideas";
import type { IdeaMember, IdeaStaff } from "../../domain/ideas/access";
import { addComment, deleteComment, editComment } from "../../domain/ideas/comments";
import { createIdea, getIdea, listIdeas, roadmap, similarIdeas, updateIdea } from "../../domain/ideas/ideas";
import { mergeIdeas, unmergeIdea } from "../../domain/ideas/merge";
import { flagContent, moderate, moderationQueue } from "../../domain/ideas/moderation";
import { listNotifications, muteIdeas, readNotifications } from "../../domain/ideas/notify";
import { configureIdeas, ideaSettingsOf } from "../../domain/ideas/settings";
import { setStatus } from "../../domain/ideas/status";
import { unvoteIdea, voteIdea } from "../../domain/ideas/votes";
import { hit, LIMITS, type Limit } from "../../rate-limit";
import { brandViewerProcedure, memberProcedure, router, staffProcedure } from "../trpc";

type BrandCtx = { member: { brandId: string; memberId: string; userId: string }; membership: { role: string } };

const memberOf = (ctx: BrandCtx): IdeaMember => ({ ...ctx.member, staff: ctx.membership.role !== "member" });
const staffOf = (ctx: BrandCtx): IdeaStaff => ctx.member;

/** A member procedure with its own per-user cap, on top of the general mutation limits. */
function capped(name: string, limit: Limit) {
  return memberProcedure.use(({ ctx, next }) => {
    if (hit(`${name}:${ctx.userId}`, limit)) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "errors.rateLimited" });
    return next();
  });
}

export const ideasRouter = router({
  list: brandViewerProcedure.input(listInput).query(({ ctx, input }) => {
    const { brandSlug: _s, ...rest } = input;
    return listIdeas(ctx.db, ctx.viewer, rest);
  }),
  get: brandViewerProcedure.input(getInput).query(({ ctx, input }) => getIdea(ctx.db, ctx.viewer, input.ideaId)),
  roadmap: brandViewerProcedure.query(({ ctx }) => roadmap(ctx.db, ctx.viewer)),
  similar: brandViewerProcedure.input(similarInput).query(({ ctx, input }) => {
    const { brandSlug: _s, ...rest } = input;
    return similarIdeas(ctx.db, ctx.viewer, rest);
  }),

  create: capped("ideas:create", LIMITS.ideasPerUser)
    .input(createInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _s, ...rest } = input;
      return createIdea(ctx.db, memberOf(ctx), rest);
    }),
  update: memberProcedure.input(updateInput).mutation(({ ctx, input }) => {
    const { brandSlug: _s, ...rest } = input;
    return updateIdea(ctx.db, memberOf(ctx), rest);
  }),
  vote: memberProcedure.input(voteInput).mutation(({ ctx, input }) => voteIdea(ctx.db, memberOf(ctx), input.ideaId)),
  unvote: memberProcedure.input(voteInput).mutation(({ ctx, input }) => unvoteIdea(ctx.db, memberOf(ctx), input.ideaId)),
  comment: capped("ideas:comment", LIMITS.commentsPerUser)
    .input(commentInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _s, ...rest } = input;
      return addComment(ctx.db, memberOf(ctx), rest);
    }),
  editComment: memberProcedure.input(editCommentInput).mutation(({ ctx, input }) => {
    const { brandSlug: _s, ...rest } = input;
    return editComment(ctx.db, memberOf(ctx), rest);
  }),
  deleteComment: memberProcedure
    .input(deleteCommentInput)
    .mutation(({ ctx, input }) => deleteComment(ctx.db, memberOf(ctx), input.commentId)),
  flag: capped("ideas:flag", LIMITS.flagsPerUser)
    .input(flagInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _s, ...rest } = input;
      return flagContent(ctx.db, memberOf(ctx), rest);
    }),
  mute: memberProcedure.input(muteInput).mutation(({ ctx, input }) => {
    const { brandSlug: _s, ...rest } = input;
    return muteIdeas(ctx.db, memberOf(ctx), rest);
  }),

  queue: staffProcedure("moderator")
    .input(queueInput)
    .query(({ ctx, input }) => {
      const { brandSlug: _s, ...rest } = input;
      return moderationQueue(ctx.db, staffOf(ctx), rest);
    }),
  moderate: staffProcedure("moderator")
    .input(moderateInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _s, ...rest } = input;
      return moderate(ctx.db, staffOf(ctx), rest);
    }),
  setStatus: staffProcedure("moderator")
    .input(setStatusInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _s, ...rest } = input;
      return setStatus(ctx.db, staffOf(ctx), rest);
    }),
  merge: staffProcedure("moderator")
    .input(mergeInput)
    .mutation(({ ctx, input }) => mergeIdeas(ctx.db, staffOf(ctx), { ideaId: input.ideaId, intoId: input.intoId })),
  unmerge: staffProcedure("moderator")
    .input(unmergeInput)
    .mutation(({ ctx, input }) => unmergeIdea(ctx.db, staffOf(ctx), { ideaId: input.ideaId })),
  settings: staffProcedure("moderator").query(({ ctx }) => ideaSettingsOf(ctx.db, ctx.member.brandId)),
  configure: staffProcedure("admin")
    .input(configureInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _s, ...settings } = input;
      return configureIdeas(ctx.db, staffOf(ctx), settings);
    }),
});

export const notificationsRouter = router({
  list: memberProcedure.input(notificationsInput).query(({ ctx, input }) => listNotifications(ctx.db, memberOf(ctx), input)),
  read: memberProcedure.input(readNotificationsInput).mutation(({ ctx, input }) => readNotifications(ctx.db, memberOf(ctx), input)),
});

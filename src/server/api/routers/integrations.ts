import { EVENTS_PATH, linkMemberInput } from "@/lib/validation/integrations";
import { integrationOf, linkMember, rotateSecret } from "../../domain/integrations/secrets";
import { router, staffProcedure } from "../trpc";

/** Where the brand's systems send events: the public address members use. */
function endpoint(): string {
  return new URL(EVENTS_PATH, process.env.NEXTAUTH_URL ?? "http://localhost:3000").toString();
}

export const integrationsRouter = router({
  get: staffProcedure("admin").query(async ({ ctx }) => ({
    ...(await integrationOf(ctx.db, ctx.member.brandId)),
    endpoint: endpoint(),
  })),
  /** The new secret is in this answer and nowhere else: it is never shown again. */
  rotateSecret: staffProcedure("admin").mutation(async ({ ctx }) => {
    const r = await rotateSecret(ctx.db, { brandId: ctx.member.brandId, actorUserId: ctx.userId });
    return { secret: r.secret, rotatedAt: r.rotatedAt, previousValidUntil: r.previousValidUntil };
  }),
  linkMember: staffProcedure("admin")
    .input(linkMemberInput)
    .mutation(({ ctx, input }) =>
      linkMember(ctx.db, { brandId: ctx.member.brandId, handle: input.handle, externalId: input.externalId, actorUserId: ctx.userId }),
    ),
});

import { createTranslator } from "use-intl/core";
import { z } from "zod";
import type { Locale } from "@/i18n/config";
import { loadMessages } from "@/i18n/messages";
import { shareCode, shareCreateInput } from "@/lib/validation/shares";
import { DomainError } from "../../domain/errors";
import { createShare, sharePage, sharesOf, shareUrl } from "../../domain/shares/shares";
import { type SharesT, shareWording } from "../../domain/shares/wording";
import { memberProcedure, publicProcedure, router } from "../trpc";

async function sharesTranslator(locale: Locale): Promise<SharesT> {
  const t = createTranslator({ locale, messages: (await loadMessages(locale)) as never, namespace: "shares" as never });
  return (key, values) => t(key as never, values as never);
}

export const sharesRouter = router({
  create: memberProcedure.input(shareCreateInput).mutation(async ({ ctx, input }) => {
    const share = await createShare(ctx.db, {
      member: ctx.member,
      ...(input.questId ? { questId: input.questId } : {}),
      ...(input.target ? { target: input.target } : {}),
      ...(input.targetId ? { targetId: input.targetId } : {}),
    });
    const page = await sharePage(ctx.db, share.code);
    if (!page) throw new Error("share vanished after it was made");
    return { code: share.code, url: shareUrl(share.code), ...shareWording(page, await sharesTranslator(input.locale)) };
  }),
  /** What the public page /s/<code> shows: anyone may read it, as anyone may open the link. */
  page: publicProcedure.input(z.object({ code: shareCode })).query(async ({ ctx, input }) => {
    const page = await sharePage(ctx.db, input.code);
    if (!page) throw new DomainError("NOT_FOUND", "shares.notFound");
    return page;
  }),
  mine: memberProcedure.query(async ({ ctx }) => (await sharesOf(ctx.db, ctx.member)).map((s) => ({ ...s, url: shareUrl(s.code) }))),
});

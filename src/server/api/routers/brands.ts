import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { brandSlugSchema } from "@/lib/validation/auth";
import { brandSummary, listBrands } from "../../domain/brands/brands";
import { publicProcedure, router } from "../trpc";

export const brandsRouter = router({
  list: publicProcedure.query(({ ctx }) => listBrands(ctx.db)),
  get: publicProcedure.input(z.object({ slug: brandSlugSchema })).query(async ({ ctx, input }) => {
    const brand = await brandSummary(ctx.db, input.slug);
    if (!brand) throw new TRPCError({ code: "NOT_FOUND", message: "brand.notFound" });
    return brand;
  }),
});

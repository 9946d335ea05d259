import { brandSlugSchema } from "@/lib/validation/auth";
import { serverApi, viewerId } from "./server";

/**
 * Whose public page (roadmap, surprise odds) a visitor sees: the signed-in member's community, else
 * `?brand=`, else the first community there is; null when there is none. `member` says the viewer belongs to it.
 */
export async function publicBrand(requested: string | string[] | undefined) {
  const api = await serverApi();
  if (await viewerId()) {
    const mine = (await api.me.get().catch(() => undefined))?.memberships[0];
    if (mine) return { slug: mine.brandSlug, name: mine.brandName, member: true };
  }
  const brands = await api.brands.list();
  const asked = brandSlugSchema.safeParse(Array.isArray(requested) ? requested[0] : requested);
  const brand = (asked.success ? brands.find((b) => b.slug === asked.data) : undefined) ?? brands[0];
  return brand ? { slug: brand.slug, name: brand.name, member: false } : null;
}

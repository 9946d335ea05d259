import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SurprisesView } from "@/components/surprises/surprises-view";
import { publicBrand } from "@/trpc/public-brand";
import { serverApi } from "@/trpc/server";

export const dynamic = "force-dynamic";

export default async function SurprisesPage({ searchParams }: { searchParams: Promise<{ brand?: string | string[] }> }) {
  const api = await serverApi();
  const brand = await publicBrand((await searchParams).brand);
  const t = await getTranslations("surprises");
  if (!brand) {
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("noBrand")}</p>
      </div>
    );
  }
  const [tables, mine] = await Promise.all([
    api.surprises.tables({ brandSlug: brand.slug }),
    brand.member ? api.surprises.mine({ brandSlug: brand.slug }) : Promise.resolve(null),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro", { brand: brand.name })}</p>
      </div>
      {brand.member ? null : (
        <p className="rounded-2xl border border-brand-600 bg-brand-50 p-4 text-brand-900">
          {t("signedOut")}{" "}
          <Link href="/signup" className="font-semibold underline underline-offset-4">
            {t("join")}
          </Link>
        </p>
      )}
      <SurprisesView brandSlug={brand.slug} initial={tables} mine={mine} />
    </div>
  );
}

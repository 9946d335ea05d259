import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PeriodView } from "@/components/surprises/period-view";
import { VerifyExplainer } from "@/components/surprises/verify-explainer";
import { VerifyView } from "@/components/surprises/verify-view";
import { brandSlugSchema } from "@/lib/validation/auth";
import { periodSchema } from "@/lib/validation/surprises";
import { serverApi } from "@/trpc/server";

export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Unknown or malformed ids read as "not found", never as an error page. */
async function refusedAsNull<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    throw err;
  }
}

export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const drawId = one(params.draw)?.trim();
  const brand = brandSlugSchema.safeParse(one(params.brand));
  const period = periodSchema.safeParse(one(params.period));
  const api = await serverApi();
  const t = await getTranslations("surprises.verify");
  const root = await getTranslations();

  const draw = drawId ? await refusedAsNull(() => api.surprises.verify({ drawId })) : null;
  const periodData =
    !drawId && brand.success && period.success
      ? await api.surprises.period({ brandSlug: brand.data, period: period.data }).then(
          (data) => ({ ok: true as const, data }),
          (err: unknown) => {
            if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") return { ok: false as const, key: err.message };
            throw err;
          },
        )
      : null;

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro")}</p>
      </div>
      {drawId && !draw ? (
        <p className="rounded-2xl border border-red-700 bg-red-50 p-4 font-medium text-red-800" role="alert" data-testid="verify-not-found">
          {t("notFound")}
        </p>
      ) : null}
      {draw ? <VerifyView data={draw} /> : null}
      {periodData?.ok ? <PeriodView data={periodData.data} /> : null}
      {periodData && !periodData.ok ? (
        <p className="rounded-2xl border border-amber-600 bg-amber-50 p-4 font-medium text-amber-900" data-testid="period-refused">
          {root.has(periodData.key) ? root(periodData.key as never) : t("periodNotYet")}
        </p>
      ) : null}
      {!draw ? (
        <form action="/surprises/verify" method="get" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
          <label htmlFor="lookup-draw" className="text-sm font-medium text-stone-800">
            {t("lookupLabel")}
          </label>
          <input
            id="lookup-draw"
            name="draw"
            defaultValue={drawId ?? ""}
            autoComplete="off"
            spellCheck={false}
            className="min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2 font-mono text-base text-stone-900 outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          />
          <button
            type="submit"
            className="inline-flex min-h-11 items-center justify-center self-start rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
          >
            {t("lookup")}
          </button>
        </form>
      ) : null}
      <VerifyExplainer />
      <Link href="/surprises" className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
    </div>
  );
}

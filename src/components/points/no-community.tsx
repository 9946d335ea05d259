import { getTranslations } from "next-intl/server";

/** For an account that belongs to no community yet (points live in a community). */
export async function NoCommunity({ title }: { title: string }) {
  const t = await getTranslations("common");
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("noCommunity")}</p>
    </div>
  );
}

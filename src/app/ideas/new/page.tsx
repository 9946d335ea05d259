import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { IdeaForm } from "@/components/ideas/idea-form";
import { NoCommunity } from "@/components/points/no-community";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function NewIdeaPage() {
  const { membership } = await memberContext("/ideas/new");
  const t = await getTranslations("ideasUi.form");
  if (!membership) return <NoCommunity title={t("heading")} />;
  return (
    <div className="flex flex-col gap-4">
      <Link href="/ideas" className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("heading")}</h1>
        <p className="text-stone-700">{t("intro", { brand: membership.brandName })}</p>
      </div>
      <IdeaForm brandSlug={membership.brandSlug} />
    </div>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { NoCommunity } from "@/components/points/no-community";
import { ReviewForm } from "@/components/reviews/review-form";
import { linkButton } from "@/components/ui/button";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

const questParam = z.string().uuid();

export default async function NewReviewPage({ searchParams }: { searchParams: Promise<{ quest?: string | string[] }> }) {
  const requested = (await searchParams).quest;
  const questId = questParam.safeParse(Array.isArray(requested) ? requested[0] : requested);
  const path = questId.success ? `/reviews/new?quest=${questId.data}` : "/reviews/new";
  const { api, membership } = await memberContext(path);
  const t = await getTranslations("reviews.form");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const quest = questId.success ? await api.quests.get({ brandSlug, questId: questId.data }).catch(() => null) : null;

  const back = (
    <Link href="/reviews" className="self-start font-semibold text-brand-700 underline underline-offset-4">
      {t("back")}
    </Link>
  );
  if (quest?.kind !== "review") {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("notFound")}</p>
        {back}
      </div>
    );
  }
  const closed = quest.doneThisPeriod ? t("alreadyDone") : quest.unavailable ? t("closed") : null;
  return (
    <div className="flex flex-col gap-4">
      {back}
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {closed ? (
        <div className="flex flex-col gap-3">
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="review-closed">
            {closed}
          </p>
          <Link href="/reviews" className={`${linkButton.secondary} self-start`}>
            {t("back")}
          </Link>
        </div>
      ) : (
        <ReviewForm
          brandSlug={brandSlug}
          quest={{ id: quest.id, title: quest.title, description: quest.description, basePoints: quest.basePoints }}
        />
      )}
    </div>
  );
}

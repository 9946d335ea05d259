import { getTranslations } from "next-intl/server";
import { NoCommunity } from "@/components/points/no-community";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { MyReviews } from "@/components/reviews/my-reviews";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

export default async function ReviewsPage() {
  const { api, membership } = await memberContext("/reviews");
  const t = await getTranslations("reviews.page");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const [reviews, balance, quests] = await Promise.all([
    api.reviews.mine({ brandSlug }),
    api.points.balance({ brandSlug }),
    api.quests.list({ brandSlug }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("intro")}</p>
        </div>
        <LiveIndicator />
      </div>
      <MyReviews
        brandSlug={brandSlug}
        initialReviews={reviews}
        initialBalance={balance}
        quests={quests.quests.filter((q) => q.kind === "review")}
      />
    </div>
  );
}

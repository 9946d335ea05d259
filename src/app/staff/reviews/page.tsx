import { getTranslations } from "next-intl/server";
import { QUEUE_PAGE } from "@/components/reviews/constants";
import { ModerationBoard } from "@/components/reviews/moderation-board";
import { NotAllowed, StaffShell } from "@/components/staff/staff-shell";
import { staffAccess } from "../access";

export const dynamic = "force-dynamic";

export default async function StaffReviewsPage() {
  const { api, allowed, role, brandSlug } = await staffAccess("/staff/reviews", "moderator");
  if (!allowed) return <NotAllowed />;
  const t = await getTranslations("staffReviews");
  const [queue, approvals] = await Promise.all([
    api.reviews.queue({ brandSlug, status: "pending", limit: QUEUE_PAGE }),
    api.reviews.approvalsQueue({ brandSlug, limit: QUEUE_PAGE }),
  ]);
  return (
    <StaffShell role={role} current="/staff/reviews" title={t("title")} intro={t("intro")}>
      <ModerationBoard brandSlug={brandSlug} initialQueue={queue} initialApprovals={approvals} />
    </StaffShell>
  );
}

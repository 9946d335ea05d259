import { REASON_MAX } from "@/lib/validation/reviews";

/** Items per page of the staff queues (shared by the server page and the client lists). */
export const QUEUE_PAGE = 20;

type T = (key: string) => string;

/** The reason box of the review decisions (reject, remove). */
export const reviewReasonText = (t: T) => ({
  label: t("staffReviews.reason"),
  hint: t("staffReviews.reasonHint"),
  cancel: t("staffReviews.keep"),
  requiredKey: "reviews.reasonRequired",
  maxLength: REASON_MAX,
});

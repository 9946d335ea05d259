import { NOTE_MAX } from "@/lib/validation/ideas";

type T = (key: string) => string;

/** The reason box of the idea moderation actions that tell the author why (reject, hide). */
export const ideaReasonText = (t: T) => ({
  label: t("ideasStaff.reason"),
  hint: t("ideasStaff.reasonHint"),
  cancel: t("common.cancel"),
  requiredKey: "ideas.reasonRequired",
  maxLength: NOTE_MAX,
});

"use client";

import { useTranslations } from "next-intl";
import type { IdeaStatus } from "@/lib/validation/ideas";
import { Badge, type BadgeTone } from "../ui/badge";

export const STATUS_TONE: Record<IdeaStatus, BadgeTone> = {
  open: "grey",
  under_review: "amber",
  planned: "green",
  in_progress: "green",
  shipped: "green",
  declined: "red",
  duplicate: "grey",
};

export function StatusBadge({ status }: { status: IdeaStatus }) {
  const t = useTranslations("ideasUi.status");
  return (
    <span data-testid="idea-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>
    </span>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useId, useRef, useState } from "react";
import { ApprovalsList } from "./approvals-list";
import { ReviewQueue } from "./review-queue";
import type { ApprovalsPage, QueuePage } from "./types";

const TABS = ["reviews", "approvals"] as const;
type Tab = (typeof TABS)[number];

/** Two queues behind tabs (arrow keys move between them, as screen-reader users expect of a tab list). */
export function ModerationBoard({
  brandSlug,
  initialQueue,
  initialApprovals,
}: {
  brandSlug: string;
  initialQueue: QueuePage;
  initialApprovals: ApprovalsPage;
}) {
  const t = useTranslations("staffReviews");
  const id = useId();
  const [tab, setTab] = useState<Tab>("reviews");
  const buttons = useRef<Record<Tab, HTMLButtonElement | null>>({ reviews: null, approvals: null });

  function onKeyDown(event: KeyboardEvent) {
    const at = TABS.indexOf(tab);
    const next =
      event.key === "ArrowRight"
        ? TABS[(at + 1) % TABS.length]
        : event.key === "ArrowLeft"
          ? TABS[(at + TABS.length - 1) % TABS.length]
          : event.key === "Home"
            ? TABS[0]
            : event.key === "End"
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    buttons.current[next]?.focus();
  }

  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label={t("tabs.label")} className="flex gap-1 border-b border-stone-300" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              buttons.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${name}-tab`}
            aria-selected={tab === name}
            aria-controls={`${id}-${name}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            className="-mb-px min-h-11 rounded-t-lg border border-transparent px-4 font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-selected:border-stone-300 aria-selected:border-b-white aria-selected:bg-white aria-selected:text-brand-900"
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      {TABS.map((name) => (
        <div key={name} role="tabpanel" id={`${id}-${name}-panel`} aria-labelledby={`${id}-${name}-tab`} hidden={tab !== name}>
          {name === "reviews" ? (
            <ReviewQueue brandSlug={brandSlug} initial={initialQueue} />
          ) : (
            <ApprovalsList brandSlug={brandSlug} initial={initialApprovals} />
          )}
        </div>
      ))}
    </div>
  );
}

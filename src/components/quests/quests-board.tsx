"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { BalanceLine } from "./balance-line";
import { ConsentDialog } from "./consent-dialog";
import { FeedbackToast } from "./feedback-toast";
import { QuestCard } from "./quest-card";
import type { QuestScope } from "./quest-parts";
import { useQuestText } from "./quest-text";
import type { Balance, QuestGroup, QuestList } from "./types";
import { useQuestActions } from "./use-quest-actions";
import { useQuestsLive } from "./use-quests-live";

const GROUPS: readonly QuestGroup[] = ["today", "week", "ongoing"];

/** The member's quests as Today / This week / Ongoing, live, with the points balance on top. */
export function QuestsBoard({
  brandSlug,
  brandName,
  initialList,
  initialBalance,
}: {
  brandSlug: string;
  brandName: string;
  initialList: QuestList;
  initialBalance: Balance;
}) {
  const t = useTranslations("questsUi");
  const trpc = useTRPC();
  const list = useQuery(trpc.quests.list.queryOptions({ brandSlug }, { initialData: initialList })).data;
  const balance = useQuery(trpc.points.balance.queryOptions({ brandSlug }, { initialData: initialBalance })).data;
  useQuestsLive();
  const actions = useQuestActions(brandSlug, { health: list.quests.some((q) => q.health) });
  const text = useQuestText(list.timeZone, list.today);
  const scope: QuestScope = {
    brandSlug,
    brandName,
    text,
    tierName: (rank) => balance.tiers.find((tier) => tier.rank === rank)?.name,
    actions,
  };
  return (
    <div className={`flex flex-col gap-6 ${actions.feedback ? "pb-28" : ""}`}>
      <BalanceLine balance={balance} />
      {list.quests.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="quests-empty">
          {t("empty", { brand: brandName })}
        </p>
      ) : (
        GROUPS.map((group) => {
          const quests = list.quests.filter((q) => q.group === group);
          if (quests.length === 0) return null;
          return (
            <section key={group} aria-labelledby={`quests-${group}`} className="flex flex-col gap-3" data-testid={`quest-group-${group}`}>
              <h2 id={`quests-${group}`} className="text-lg font-bold">
                {t(`groups.${group}`)}
              </h2>
              <ul className="flex flex-col gap-3">
                {quests.map((quest) => (
                  <QuestCard key={quest.id} quest={quest} scope={scope} />
                ))}
              </ul>
            </section>
          );
        })
      )}
      <ConsentDialog consent={actions.consent} />
      <FeedbackToast feedback={actions.feedback} onDismiss={actions.dismissFeedback} />
    </div>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { QuestForm } from "./quest-form";
import { STATUS_TONE, type StaffQuest, type TierOption } from "./quest-format";
import { QuestPreview } from "./quest-preview";
import { QuestStats } from "./quest-stats";

/** One quest for staff: its state, archive or restore, the builder form (admins) or its preview, and its figures. */
export function QuestEditor({
  brandSlug,
  initial,
  tiers,
  quests,
  canEdit,
}: {
  brandSlug: string;
  initial: StaffQuest;
  tiers: TierOption[];
  quests: StaffQuest[];
  canEdit: boolean;
}) {
  const t = useTranslations("questBuilder");
  const root = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const archive = useMutation(trpc.quests.archive.mutationOptions());
  const restore = useMutation(trpc.quests.restore.mutationOptions());
  const [quest, setQuest] = useState(initial);
  const [status, setStatus] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [dialogError, setDialogError] = useState<string>();
  const archived = quest.status === "archived";
  const busy = archive.isPending || restore.isPending;

  async function toggleArchived() {
    setDialogError(undefined);
    let changed: StaffQuest;
    try {
      changed = archived
        ? await restore.mutateAsync({ brandSlug, questId: quest.id })
        : await archive.mutateAsync({ brandSlug, questId: quest.id });
    } catch (err) {
      setDialogError(splitError(err, []).alert);
      return;
    }
    setConfirming(false);
    setQuest(changed);
    setStatus(archived ? t("restored", { name: changed.title }) : t("archived", { name: changed.title }));
    void queryClient.invalidateQueries(trpc.quests.pathFilter());
  }

  return (
    <>
      <Link href="/staff/quests" className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <p className="flex items-center gap-2">
          <span className="text-stone-700">{t("stateLabel")}</span>
          <span data-testid="quest-status">
            <Badge tone={STATUS_TONE[quest.status]}>{t(`states.${quest.status}`)}</Badge>
          </span>
        </p>
        {canEdit ? (
          <Button
            variant="secondary"
            className="ml-auto"
            onClick={() => {
              setDialogError(undefined);
              setConfirming(true);
            }}
          >
            {archived ? t("restore") : t("archive")}
          </Button>
        ) : null}
      </div>
      {status ? <Alert tone="info">{status}</Alert> : null}
      {canEdit ? (
        <QuestForm
          brandSlug={brandSlug}
          quest={quest}
          tiers={tiers}
          quests={quests}
          onSaved={(saved) => {
            setQuest(saved);
            setStatus(t("saved", { name: saved.title }));
          }}
        />
      ) : (
        <>
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("readOnly")}</p>
          <QuestPreview
            quest={{
              ...quest,
              startsAt: quest.startsAt ? new Date(quest.startsAt) : null,
              endsAt: quest.endsAt ? new Date(quest.endsAt) : null,
              minTierName: tiers.find((tier) => tier.rank === quest.minTierRank)?.name ?? null,
            }}
          />
        </>
      )}
      <QuestStats brandSlug={brandSlug} questId={quest.id} />
      <Dialog
        open={confirming}
        onClose={() => !busy && setConfirming(false)}
        title={archived ? t("restoreTitle") : t("archiveTitle")}
        testId="quest-archive-dialog"
      >
        {dialogError ? <Alert>{root(knownKey(root.has, dialogError) as never)}</Alert> : null}
        <p>{archived ? t("restoreBody", { name: quest.title }) : t("archiveBody", { name: quest.title })}</p>
        <ConfirmActions
          confirmLabel={archived ? t("restore") : t("archive")}
          cancelLabel={root("common.cancel")}
          busy={busy}
          onConfirm={() => void toggleArchived()}
          onCancel={() => setConfirming(false)}
        />
      </Dialog>
    </>
  );
}

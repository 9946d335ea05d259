"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { isLocale } from "@/i18n/config";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { sendVisitBeacon } from "./beacon";
import { ShareSheet } from "./share-sheet";

/**
 * Opens the member's personal link for a quest in a share sheet. The link is made on first open
 * (the server returns the same one every time), then the browser registers as the sharer's own.
 */
export function ShareQuestButton({ brandSlug, questId }: { brandSlug: string; questId: string }) {
  const t = useTranslations();
  const current = useLocale();
  const locale = isLocale(current) ? current : "en";
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.shares.create.mutationOptions({
      onSuccess: (share) => {
        void sendVisitBeacon(share.code);
      },
    }),
  );

  function start() {
    setOpen(true);
    if (!create.data && !create.isPending) create.mutate({ brandSlug, questId, locale });
  }

  const failure = create.error ? knownKey(t.has, splitError(create.error, []).alert) : undefined;

  return (
    <>
      <Button onClick={start} data-testid="share-quest-button">
        {t("shares.share")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("shares.dialogTitle")} testId="share-dialog">
        <p className="text-stone-700">{t("shares.hint")}</p>
        {create.isPending ? (
          <p role="status" className="text-stone-700">
            {t("shares.creating")}
          </p>
        ) : null}
        {failure ? (
          <>
            <Alert>{t(failure as never)}</Alert>
            <Button variant="secondary" onClick={() => create.mutate({ brandSlug, questId, locale })}>
              {t("shares.retry")}
            </Button>
          </>
        ) : null}
        {create.data ? <ShareSheet url={create.data.url} title={create.data.title} text={create.data.text} /> : null}
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("shares.close")}
        </Button>
      </Dialog>
    </>
  );
}

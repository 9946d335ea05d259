"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { knownKey } from "@/components/points/errors";
import { Alert } from "@/components/ui/alert";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import type { QuestActions } from "./use-quest-actions";

/** Asks, in plain words, before the first value of a health habit is stored. */
export function ConsentDialog({ consent }: { consent: QuestActions["consent"] }) {
  const t = useTranslations();
  return (
    <Dialog
      open={consent.open}
      onClose={() => !consent.busy && consent.notNow()}
      title={t("habitsPrivacy.consent.title")}
      testId="consent-dialog"
    >
      {consent.problem ? <Alert>{t(knownKey(t.has, consent.problem) as never)}</Alert> : null}
      <p>{t("habitsPrivacy.consent.intro")}</p>
      <dl className="flex flex-col gap-3">
        <div>
          <dt className="font-semibold">{t("habitsPrivacy.consent.whatTitle")}</dt>
          <dd className="text-stone-700">{t("habitsPrivacy.consent.what")}</dd>
        </div>
        <div>
          <dt className="font-semibold">{t("habitsPrivacy.consent.whoTitle")}</dt>
          <dd className="text-stone-700">{t("habitsPrivacy.consent.who")}</dd>
        </div>
        <div>
          <dt className="font-semibold">{t("habitsPrivacy.consent.controlTitle")}</dt>
          <dd className="text-stone-700">
            {t("habitsPrivacy.consent.control")}{" "}
            <Link href="/quests/privacy" className="font-semibold text-brand-700 underline underline-offset-4">
              {t("habitsPrivacy.title")}
            </Link>
          </dd>
        </div>
      </dl>
      <ConfirmActions
        confirmLabel={consent.busy ? t("habitsPrivacy.consent.agreeing") : t("habitsPrivacy.consent.agree")}
        cancelLabel={t("habitsPrivacy.consent.notNow")}
        busy={consent.busy}
        onConfirm={consent.agree}
        onCancel={consent.notNow}
      />
    </Dialog>
  );
}

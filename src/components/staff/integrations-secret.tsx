"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { CopyButton } from "./integrations-copy";

export interface SecretState {
  hasSecret: boolean;
  secretPreview: string | null;
  rotatedAt: string | null;
  previousValidUntil: string | null;
}

/** The new secret, in full, until staff say they stored it: it is never shown again. */
function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useTranslations("integrations.secret");
  const heading = useRef<HTMLHeadingElement>(null);
  const code = useRef<HTMLElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="flex flex-col gap-3 rounded-2xl border-2 border-amber-600 bg-amber-50 p-4" data-testid="new-secret">
      <h3 ref={heading} tabIndex={-1} className="text-lg font-bold text-stone-900 focus:outline-none">
        {t("newTitle")}
      </h3>
      <p className="font-semibold text-amber-900">{t("warning")}</p>
      <code
        ref={code}
        className="block select-all break-all rounded-xl border border-stone-300 bg-white px-3 py-3 font-mono text-base text-stone-900"
        data-testid="new-secret-value"
      >
        {secret}
      </code>
      <div className="flex flex-col gap-2 sm:flex-row">
        <CopyButton text={secret} what={t("copyWhat")} fallback={code} />
        <Button onClick={onDone}>{t("done")}</Button>
      </div>
    </div>
  );
}

/** The signing secret: its preview and age, creating or rotating it behind a confirmation, and the new one once. */
export function IntegrationsSecret({ brandSlug, state, onChanged }: { brandSlug: string; state: SecretState; onChanged: () => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const rotate = useMutation(trpc.integrations.rotateSecret.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [fresh, setFresh] = useState<string | null>(null);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const mode = state.hasSecret ? "rotate" : "create";

  async function confirm() {
    setError(undefined);
    try {
      const r = await rotate.mutateAsync({ brandSlug });
      setFresh(r.secret);
      setConfirming(false);
      onChanged();
    } catch (err) {
      setError(splitError(err, []).alert);
    }
  }

  return (
    <section aria-labelledby="secret-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="secret-title" className="text-lg font-bold">
        {t("integrations.secret.title")}
      </h2>
      <p className="text-stone-700">{t("integrations.secret.body")}</p>
      {state.hasSecret && state.secretPreview && state.rotatedAt ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-stone-700">{t("integrations.secret.current")}</dt>
          <dd className="break-all font-mono" data-testid="secret-preview">
            {state.secretPreview}
          </dd>
          <dt className="text-stone-700">{t("integrations.secret.rotatedAt")}</dt>
          <dd>{when(state.rotatedAt)}</dd>
        </dl>
      ) : (
        <p className="text-stone-700" data-testid="no-secret">
          {t("integrations.secret.none")}
        </p>
      )}
      {state.previousValidUntil ? (
        <Alert tone="info">{t("integrations.secret.previousUntil", { time: when(state.previousValidUntil) })}</Alert>
      ) : null}
      {fresh ? (
        <NewSecret secret={fresh} onDone={() => setFresh(null)} />
      ) : (
        <Button
          className="self-start"
          variant={state.hasSecret ? "secondary" : "primary"}
          onClick={() => {
            setError(undefined);
            setConfirming(true);
          }}
        >
          {t(`integrations.secret.${mode}`)}
        </Button>
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t(`integrations.secret.${mode}ConfirmTitle`)}
        testId="rotate-dialog"
      >
        <p className="text-stone-800">{t(`integrations.secret.${mode}ConfirmBody`)}</p>
        {error ? <Alert>{t(knownKey(t.has, error) as never)}</Alert> : null}
        <ConfirmActions
          confirmLabel={rotate.isPending ? t("common.saving") : t(`integrations.secret.${mode}Confirm`)}
          cancelLabel={t("common.cancel")}
          busy={rotate.isPending}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        />
      </Dialog>
    </section>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { NOTE_MAX } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { TextAreaField } from "../ui/field";

/** "Report": a button that opens a dialog asking why; the report lands in the staff queue. */
export function FlagButton({ brandSlug, target, id, name }: { brandSlug: string; target: "idea" | "comment"; id: string; name: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const flag = useMutation(trpc.ideas.flag.mutationOptions());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const [done, setDone] = useState<string | null>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError("ideas.reasonRequired");
      return;
    }
    setError(undefined);
    setAlert(undefined);
    try {
      const result = await flag.mutateAsync({ brandSlug, target, id, reason: reason.trim() });
      setDone(result.already ? t("ideasUi.flag.already") : t("ideasUi.flag.done"));
      setOpen(false);
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      setError(shown.fields.reason);
      setAlert(shown.alert);
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        className="text-sm"
        onClick={() => {
          setReason("");
          setError(undefined);
          setAlert(undefined);
          setOpen(true);
        }}
        data-testid={`flag-${target}`}
      >
        {t("ideasUi.flag.button")}
        <span className="sr-only"> {name}</span>
      </Button>
      {done ? (
        <p role="status" className="text-sm font-medium text-brand-900">
          {done}
        </p>
      ) : null}
      <Dialog open={open} onClose={() => !flag.isPending && setOpen(false)} title={t(`ideasUi.flag.title.${target}`)} testId="flag-dialog">
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          {alert ? <Alert>{tr(alert)}</Alert> : null}
          <p>{t("ideasUi.flag.body")}</p>
          <TextAreaField
            label={t("ideasUi.flag.reason")}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={error ? tr(error) : undefined}
            maxLength={NOTE_MAX}
            required
          />
          <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
            <Button type="submit" disabled={flag.isPending}>
              {flag.isPending ? t("ideasUi.flag.sending") : t("ideasUi.flag.send")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={flag.isPending}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

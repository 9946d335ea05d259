"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { NOTE_MAX } from "@/lib/validation/ideas";
import { knownKey } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { TextAreaField } from "../ui/field";

/**
 * Asks staff why they reject or hide something; the author reads the reason, so it is required.
 * `onConfirm` resolves to a field error and an alert key, or nothing when it worked.
 */
export function IdeaReasonDialog({
  open,
  title,
  body,
  confirmLabel,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: (reason: string) => Promise<{ reason?: string; alert?: string } | undefined>;
  onClose: () => void;
}) {
  const t = useTranslations();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const tr = (key: string) => t(knownKey(t.has, key) as never);

  useEffect(() => {
    if (open) {
      setReason("");
      setError(undefined);
      setAlert(undefined);
    }
  }, [open]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError("ideas.reasonRequired");
      return;
    }
    setError(undefined);
    const problem = await onConfirm(reason.trim());
    setError(problem?.reason);
    setAlert(problem?.alert);
  }

  return (
    <Dialog open={open} onClose={() => !busy && onClose()} title={title} testId="reason-dialog">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        <p>{body}</p>
        <TextAreaField
          label={t("ideasStaff.reason")}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          hint={t("ideasStaff.reasonHint")}
          error={error ? tr(error) : undefined}
          maxLength={NOTE_MAX}
          required
        />
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Button type="submit" disabled={busy}>
            {busy ? t("ideasStaff.working") : confirmLabel}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { knownKey } from "../points/errors";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { TextAreaField } from "./field";

/** The words around the reason box, and the rule its text must meet; each staff page brings its own. */
export interface ReasonText {
  label: string;
  hint: string;
  cancel: string;
  /** The translation key shown when the reason is shorter than three characters. */
  requiredKey: string;
  maxLength: number;
}

/**
 * Asks staff why they reject, remove or hide something; the member reads the reason, so it is required.
 * `onConfirm` resolves to field errors and an alert key, or nothing when it worked.
 */
export function ReasonDialog({
  open,
  title,
  body,
  confirmLabel,
  busy,
  text,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy: boolean;
  text: ReasonText;
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
    const trimmed = reason.trim();
    if (trimmed.length < 3) {
      setError(text.requiredKey);
      return;
    }
    setError(undefined);
    const problem = await onConfirm(trimmed);
    setError(problem?.reason);
    setAlert(problem?.alert);
  }

  return (
    <Dialog open={open} onClose={() => !busy && onClose()} title={title} testId="reason-dialog">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        <p>{body}</p>
        <TextAreaField
          label={text.label}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          hint={text.hint}
          error={error ? tr(error) : undefined}
          maxLength={text.maxLength}
          required
        />
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Button type="submit" disabled={busy}>
            {confirmLabel}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

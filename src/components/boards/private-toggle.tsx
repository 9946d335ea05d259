"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { knownKey } from "@/components/points/errors";
import { Alert } from "@/components/ui/alert";
import { useTRPC } from "@/trpc/react";

/**
 * Private mode: a switch and, in plain words, what it does and does not hide. The next board frame says
 * where the member now stands, so the switch only has to save.
 */
export function PrivateToggle({ brandSlug, initial }: { brandSlug: string; initial: boolean }) {
  const t = useTranslations("boardsUi.privacy");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const [hidden, setHidden] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const save = useMutation(
    trpc.leaderboards.setPrivate.mutationOptions({
      onSuccess: (result) => setHidden(result.hidden),
      onError: (err, input) => {
        setHidden(!input.hidden);
        setError(knownKey(tAll.has, err.message));
      },
    }),
  );
  return (
    <section
      aria-labelledby={`${noteId}-title`}
      className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="privacy"
    >
      <h2 id={`${noteId}-title`} className="text-lg font-bold">
        {t("title")}
      </h2>
      <label className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          type="checkbox"
          role="switch"
          checked={hidden}
          aria-checked={hidden}
          disabled={save.isPending}
          onChange={(e) => {
            setError(null);
            setHidden(e.target.checked);
            save.mutate({ brandSlug, hidden: e.target.checked });
          }}
          aria-describedby={noteId}
          className="peer sr-only"
          data-testid="private-switch"
        />
        <span
          aria-hidden="true"
          className="relative h-7 w-12 shrink-0 rounded-full bg-stone-500 transition-colors after:absolute after:left-1 after:top-1 after:size-5 after:rounded-full after:bg-white after:transition-transform peer-checked:bg-brand-700 peer-checked:after:translate-x-5 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 peer-disabled:opacity-60"
        />
        <span className="font-medium">{t("label")}</span>
      </label>
      <div id={noteId} className="flex flex-col gap-1 text-sm text-stone-700">
        <p>{t("explain")}</p>
        <p>{t("explainLeagues")}</p>
      </div>
      <p role="status" className="text-sm font-semibold text-stone-900" data-testid="privacy-state">
        {save.isSuccess ? (hidden ? t("nowHidden") : t("nowShown")) : null}
      </p>
      {error ? <Alert>{tAll(error as never)}</Alert> : null}
    </section>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { excludeInput, reasonText } from "@/lib/validation/boards";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field, TextAreaField } from "../ui/field";
import { useBoardsErrorText } from "./boards-staff-errors";

export interface Exclusion {
  memberId: string;
  handle: string;
  at: Date | null;
  reason: string | null;
}

const FIELDS = ["handle", "reason"];
const FALLBACK = { handle: "boards.memberNotFound", reason: "boards.reasonRequired" };

/** Members left out of the boards: exclude one by handle with a reason, or include them again. */
export function BoardsExclusions({ brandSlug, initial }: { brandSlug: string; initial: Exclusion[] }) {
  const t = useTranslations("boardsStaff");
  const format = useFormatter();
  const errorText = useBoardsErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.leaderboards.exclusions.queryOptions({ brandSlug }, { initialData: initial }));
  const exclude = useMutation(trpc.leaderboards.exclude.mutationOptions());
  const [handle, setHandle] = useState("");
  const [reason, setReason] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [toInclude, setToInclude] = useState<Exclusion | null>(null);
  const [includeReason, setIncludeReason] = useState("");
  const [includeError, setIncludeError] = useState<string>();
  const [includeAlert, setIncludeAlert] = useState<string>();
  const refresh = () => void queryClient.invalidateQueries(trpc.leaderboards.pathFilter());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setStatus(undefined);
    const name = handle.trim().replace(/^@/, "");
    const checked = excludeInput.safeParse({ handle: name || undefined, reason });
    const errors = checked.success ? {} : issuesToFields(checked.error.issues, FALLBACK);
    if (!name) errors.handle = "boardsStaff.errors.handleRequired";
    if (!checked.success || !name) {
      setFields(errors);
      return;
    }
    setFields({});
    try {
      const r = await exclude.mutateAsync({ brandSlug, handle: name, reason: checked.data.reason, excluded: true });
      setStatus(t("exclude.done", { handle: r.handle }));
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setFields(shown.fields);
      setAlert(shown.alert);
      return;
    }
    setHandle("");
    setReason("");
    refresh();
  }

  async function submitInclude(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!toInclude) return;
    setIncludeAlert(undefined);
    const checked = reasonText.safeParse(includeReason);
    if (!checked.success) {
      setIncludeError(checked.error.issues[0]?.message ?? "boards.reasonRequired");
      return;
    }
    setIncludeError(undefined);
    try {
      await exclude.mutateAsync({ brandSlug, memberId: toInclude.memberId, reason: checked.data, excluded: false });
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      setIncludeError(shown.fields.reason);
      setIncludeAlert(shown.alert);
      return;
    }
    setStatus(t("list.included", { handle: toInclude.handle }));
    setToInclude(null);
    refresh();
  }

  const items = list.data ?? [];
  return (
    <>
      <section aria-labelledby="exclude-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="exclude-title" className="text-lg font-bold">
          {t("exclude.title")}
        </h2>
        <p className="text-stone-700">{t("exclude.body")}</p>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={exclude.isPending} data-testid="exclude-form">
          {alert ? <Alert>{errorText(alert)}</Alert> : null}
          <Field
            label={t("exclude.handle")}
            name="handle"
            value={handle}
            onChange={(e) => setHandle(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={65}
            hint={t("exclude.handleHint")}
            error={fields.handle ? errorText(fields.handle) : undefined}
          />
          <TextAreaField
            label={t("exclude.reason")}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            required
            maxLength={500}
            hint={t("exclude.reasonHint")}
            error={fields.reason ? errorText(fields.reason) : undefined}
          />
          <Button type="submit" disabled={exclude.isPending} className="sm:self-start">
            {t("exclude.submit")}
          </Button>
        </form>
      </section>
      {status ? <Alert tone="info">{status}</Alert> : null}
      <section aria-labelledby="exclusions-title" aria-busy={list.isFetching} className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <h2 id="exclusions-title" className="text-lg font-bold">
            {t("list.title")}
          </h2>
          <span className="text-sm text-stone-700" data-testid="exclusions-count">
            {t("list.count", { count: items.length })}
          </span>
        </div>
        {list.isError ? <Alert>{errorText("errors.network")}</Alert> : null}
        {items.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("list.empty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {items.map((item) => (
              <li
                key={item.memberId}
                className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4"
                data-testid="exclusion"
              >
                <h3 className="break-all text-base font-semibold" data-testid="exclusion-handle">
                  @{item.handle}
                </h3>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-stone-700">{t("list.since")}</dt>
                  <dd>{item.at ? format.dateTime(item.at, { dateStyle: "medium", timeStyle: "short" }) : "—"}</dd>
                  <dt className="text-stone-700">{t("list.reason")}</dt>
                  <dd className="break-words" data-testid="exclusion-reason">
                    {item.reason ?? "—"}
                  </dd>
                </dl>
                <Button
                  variant="secondary"
                  className="sm:self-start"
                  onClick={() => {
                    setIncludeReason("");
                    setIncludeError(undefined);
                    setIncludeAlert(undefined);
                    setToInclude(item);
                  }}
                >
                  {t("list.includeAgain")}
                  <span className="sr-only"> @{item.handle}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Dialog
        open={toInclude !== null}
        onClose={() => !exclude.isPending && setToInclude(null)}
        title={t("list.includeTitle", { handle: toInclude?.handle ?? "" })}
        testId="include-dialog"
      >
        {toInclude ? (
          <form onSubmit={submitInclude} noValidate className="flex flex-col gap-4">
            {includeAlert ? <Alert>{errorText(includeAlert)}</Alert> : null}
            <p>{t("list.includeBody", { handle: toInclude.handle })}</p>
            <TextAreaField
              label={t("list.includeReason")}
              name="reason"
              value={includeReason}
              onChange={(e) => setIncludeReason(e.target.value)}
              rows={2}
              required
              maxLength={500}
              error={includeError ? errorText(includeError) : undefined}
            />
            <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
              <Button type="submit" disabled={exclude.isPending}>
                {t("list.confirm")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setToInclude(null)} disabled={exclude.isPending}>
                {t("list.keep")}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import type { IdeaDetail } from "@/lib/ideas/types";
import { type ModerationAction, NOTE_MAX, SETTABLE_STATUSES } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { SelectField, TextAreaField } from "../ui/field";
import { ReasonDialog } from "../ui/reason-dialog";
import { ideaReasonText } from "./reason-text";
import { useSimilarIdeas } from "./use-similar";

type Settable = (typeof SETTABLE_STATUSES)[number];
interface Payoff {
  stage: "approved" | "planned" | "shipped";
  members: number;
  points: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Staff tools on an idea page: status with a note, moderation, and merging duplicates. */
export function IdeaStaffPanel({ brandSlug, idea, onChanged }: { brandSlug: string; idea: IdeaDetail; onChanged: () => void }) {
  const t = useTranslations();
  const headingId = useId();
  const [news, setNews] = useState<string[] | null>(null);
  const [alert, setAlert] = useState<string>();
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const report = (lines: string[]) => {
    setAlert(undefined);
    setNews(lines);
    onChanged();
  };
  const fail = (key: string | undefined) => {
    setNews(null);
    setAlert(key);
  };

  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-2xl border-2 border-stone-800 bg-white p-4"
      data-testid="staff-panel"
    >
      <h2 id={headingId} className="text-lg font-bold">
        {t("ideasStaff.panel.title")}
      </h2>
      <div role="status" data-testid="staff-news">
        {news ? (
          <div className="rounded-lg border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-900">
            {news.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        ) : null}
      </div>
      {alert ? <Alert>{tr(alert)}</Alert> : null}
      {idea.status !== "duplicate" ? <StatusForm brandSlug={brandSlug} idea={idea} onDone={report} onFail={fail} /> : null}
      <ModerationButtons brandSlug={brandSlug} idea={idea} onDone={report} onFail={fail} />
      <MergeTools brandSlug={brandSlug} idea={idea} onDone={report} onFail={fail} />
    </section>
  );
}

interface PartProps {
  brandSlug: string;
  idea: IdeaDetail;
  onDone: (lines: string[]) => void;
  onFail: (key: string | undefined) => void;
}

function StatusForm({ brandSlug, idea, onDone, onFail }: PartProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const setStatus = useMutation(trpc.ideas.setStatus.mutationOptions());
  const [status, setValue] = useState<Settable>(idea.status === "duplicate" ? "open" : idea.status);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const tr = (key: string | undefined) => (key ? t(knownKey(t.has, key) as never) : undefined);

  const payoffLine = (p: Payoff) =>
    t("ideasStaff.panel.payoff", { stage: t(`ideasStaff.panel.stages.${p.stage}`), members: p.members, points: p.points });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status === "declined" && note.trim().length < 3) {
      setErrors({ note: "ideas.declineReasonRequired" });
      return;
    }
    setErrors({});
    try {
      const result = await setStatus.mutateAsync({ brandSlug, ideaId: idea.id, status, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote("");
      const head = result.changed
        ? t("ideasStaff.panel.statusChanged", { status: t(`ideasUi.status.${result.status}`) })
        : t("ideasStaff.panel.statusSame");
      onDone([head, ...result.payoffs.map(payoffLine)]);
    } catch (err) {
      const shown = splitError(err, ["status", "note"]);
      setErrors(shown.fields);
      onFail(shown.alert);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3" data-testid="status-form">
      <h3 className="font-semibold">{t("ideasStaff.panel.statusTitle")}</h3>
      <SelectField
        label={t("ideasStaff.panel.status")}
        name="status"
        value={status}
        onChange={(e) => setValue(e.target.value as Settable)}
        error={tr(errors.status)}
        options={SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`ideasUi.status.${s}`) }))}
      />
      <TextAreaField
        label={t("ideasStaff.panel.note")}
        name="note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        hint={status === "declined" ? t("ideasStaff.panel.noteDeclined") : t("ideasStaff.panel.noteHint")}
        error={tr(errors.note)}
        maxLength={NOTE_MAX}
      />
      <Button type="submit" disabled={setStatus.isPending} className="self-start">
        {setStatus.isPending ? t("ideasStaff.working") : t("ideasStaff.panel.setStatus")}
      </Button>
    </form>
  );
}

function ModerationButtons({ brandSlug, idea, onDone, onFail }: PartProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const moderate = useMutation(trpc.ideas.moderate.mutationOptions());
  const [asking, setAsking] = useState<"reject" | "hide" | null>(null);

  async function act(action: ModerationAction, reason?: string) {
    try {
      const result = await moderate.mutateAsync({ brandSlug, ideaId: idea.id, action, ...(reason ? { reason } : {}) });
      setAsking(null);
      const lines = [result.changed ? t(`ideasStaff.done.${action}`) : t("ideasStaff.done.unchanged")];
      if (result.paid > 0) lines.push(t("ideasStaff.panel.paidAuthor", { points: result.paid }));
      onDone(lines);
      return undefined;
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      if (!asking) onFail(shown.alert ?? shown.fields.reason);
      return { reason: shown.fields.reason, alert: shown.alert };
    }
  }

  const actions: ModerationAction[] = [];
  // Approving a published idea still pays the "approved" stage once, so the button stays.
  if (idea.state !== "hidden") actions.push("approve");
  if (idea.state === "pending") actions.push("reject");
  if (idea.state === "hidden") actions.push("unhide");
  else actions.push("hide");
  actions.push(idea.pinned ? "unpin" : "pin");
  actions.push(idea.commentsLocked ? "unlock" : "lock");

  return (
    <div className="flex flex-col gap-2">
      <h3 className="font-semibold">{t("ideasStaff.panel.moderationTitle")}</h3>
      {idea.state === "published" ? <p className="text-sm text-stone-700">{t("ideasStaff.panel.approveHint")}</p> : null}
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <Button
            key={action}
            variant={action === "approve" ? "primary" : "secondary"}
            disabled={moderate.isPending}
            data-testid={`moderate-${action}`}
            onClick={() => (action === "reject" || action === "hide" ? setAsking(action) : void act(action))}
          >
            {t(`ideasStaff.actions.${action}`)}
          </Button>
        ))}
      </div>
      <ReasonDialog
        open={asking !== null}
        title={asking ? t(`ideasStaff.ask.${asking}Title`) : ""}
        body={asking ? t(`ideasStaff.ask.${asking}Body`) : ""}
        confirmLabel={asking ? t(`ideasStaff.actions.${asking}`) : ""}
        text={ideaReasonText(t)}
        busy={moderate.isPending}
        onConfirm={(reason) => (asking ? act(asking, reason) : Promise.resolve(undefined))}
        onClose={() => setAsking(null)}
      />
    </div>
  );
}

function MergeTools({ brandSlug, idea, onDone, onFail }: PartProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const merge = useMutation(trpc.ideas.merge.mutationOptions());
  const unmerge = useMutation(trpc.ideas.unmerge.mutationOptions());
  const [search, setSearch] = useState("");
  const [target, setTarget] = useState<{ id: string; title: string } | null>(null);
  const [confirmUnmerge, setConfirmUnmerge] = useState(false);
  const [error, setError] = useState<string>();
  const pasted = UUID.exec(search)?.[0]?.toLowerCase();
  const similar = useSimilarIdeas(brandSlug, pasted ? "" : search, idea.id);
  const searchId = useId();
  const tr = (key: string) => t(knownKey(t.has, key) as never);

  async function doMerge() {
    if (!target) return;
    setError(undefined);
    try {
      const result = await merge.mutateAsync({ brandSlug, ideaId: idea.id, intoId: target.id });
      setTarget(null);
      setSearch("");
      onDone([t("ideasStaff.merge.done", { moved: result.moved, already: result.alreadyVoted, count: result.voteCount })]);
    } catch (err) {
      const shown = splitError(err, ["intoId"]);
      setTarget(null);
      setError(shown.fields.intoId ?? shown.alert);
    }
  }

  async function doUnmerge() {
    try {
      const result = await unmerge.mutateAsync({ brandSlug, ideaId: idea.id });
      setConfirmUnmerge(false);
      onDone([t("ideasStaff.merge.undone", { removed: result.removed, count: result.voteCount })]);
    } catch (err) {
      setConfirmUnmerge(false);
      onFail(splitError(err, []).alert);
    }
  }

  if (idea.status === "duplicate") {
    return (
      <div className="flex flex-col gap-2">
        <h3 className="font-semibold">{t("ideasStaff.merge.title")}</h3>
        <p className="text-sm text-stone-700">{t("ideasStaff.merge.unmergeHint")}</p>
        <Button variant="secondary" className="self-start" onClick={() => setConfirmUnmerge(true)} data-testid="unmerge">
          {t("ideasStaff.merge.unmerge")}
        </Button>
        <Dialog
          open={confirmUnmerge}
          onClose={() => !unmerge.isPending && setConfirmUnmerge(false)}
          title={t("ideasStaff.merge.unmergeTitle")}
        >
          <p>{t("ideasStaff.merge.unmergeBody")}</p>
          <ConfirmActions
            confirmLabel={t("ideasStaff.merge.unmerge")}
            cancelLabel={t("common.cancel")}
            busy={unmerge.isPending}
            onConfirm={() => void doUnmerge()}
            onCancel={() => setConfirmUnmerge(false)}
          />
        </Dialog>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-2" data-testid="merge-tools">
      <h3 className="font-semibold">{t("ideasStaff.merge.title")}</h3>
      <label htmlFor={searchId} className="text-sm font-medium text-stone-800">
        {t("ideasStaff.merge.search")}
      </label>
      <input
        id={searchId}
        type="search"
        value={search}
        onChange={(e) => {
          setError(undefined);
          setSearch(e.target.value);
        }}
        aria-describedby={`${searchId}-hint${error ? ` ${searchId}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        className="min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-base outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      />
      <p id={`${searchId}-hint`} className="text-sm text-stone-600">
        {t("ideasStaff.merge.searchHint")}
      </p>
      {error ? (
        <p id={`${searchId}-error`} className="text-sm font-medium text-red-700" data-field-error="intoId">
          {tr(error)}
        </p>
      ) : null}
      <ul className="flex flex-col gap-1" aria-live="polite">
        {pasted && pasted !== idea.id ? (
          <li>
            <Button variant="secondary" className="w-full justify-start text-left" onClick={() => setTarget({ id: pasted, title: pasted })}>
              {t("ideasStaff.merge.intoId", { id: pasted })}
            </Button>
          </li>
        ) : null}
        {similar.ideas.map((s) => (
          <li key={s.id}>
            <Button
              variant="secondary"
              className="w-full justify-between text-left"
              onClick={() => setTarget({ id: s.id, title: s.title })}
              data-testid="merge-candidate"
            >
              <span className="min-w-0 break-words">{t("ideasStaff.merge.into", { title: s.title })}</span>
              <span className="shrink-0 text-sm font-normal">{t("ideasUi.vote.count", { count: s.voteCount })}</span>
            </Button>
          </li>
        ))}
      </ul>
      <Dialog
        open={target !== null}
        onClose={() => !merge.isPending && setTarget(null)}
        title={t("ideasStaff.merge.confirmTitle")}
        testId="merge-dialog"
      >
        <p>{t("ideasStaff.merge.confirmBody", { from: idea.title, into: target?.title ?? "" })}</p>
        <ConfirmActions
          confirmLabel={t("ideasStaff.merge.confirm")}
          cancelLabel={t("common.cancel")}
          busy={merge.isPending}
          onConfirm={() => void doMerge()}
          onCancel={() => setTarget(null)}
        />
      </Dialog>
    </div>
  );
}

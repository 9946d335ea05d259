"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { knownKey } from "@/components/points/errors";
import { useTRPC } from "@/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { SelectField } from "../ui/field";
import { readProblem } from "./problems";
import { localDay } from "./quest-text";

type Notice = { tone: "info" | "error"; key: string; values?: Record<string, string | number> };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4" data-testid={id}>
      <h2 id={id} className="text-lg font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function NoticeLine({ notice }: { notice: Notice | undefined }) {
  const t = useTranslations();
  if (!notice) return null;
  return <Alert tone={notice.tone}>{t(knownKey(t.has, notice.key) as never, notice.values as never)}</Alert>;
}

/** Health consent, export and erasure of habit data, and the time zone days are counted in. */
export function HabitsPrivacy({
  brandSlug,
  initialConsent,
  initialTimeZone,
  zones,
}: {
  brandSlug: string;
  initialConsent: { consent: boolean; grantedAt: string | null };
  initialTimeZone: string | null;
  zones: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <div className="flex flex-col gap-5">
      <ConsentSection brandSlug={brandSlug} initial={initialConsent} />
      <ExportSection brandSlug={brandSlug} />
      <DeleteSection brandSlug={brandSlug} />
      <TimeZoneSection initialTimeZone={initialTimeZone} zones={zones} />
    </div>
  );
}

function ConsentSection({ brandSlug, initial }: { brandSlug: string; initial: { consent: boolean; grantedAt: string | null } }) {
  const t = useTranslations("habitsPrivacy.consentStatus");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.habits.consentStatus.queryOptions({ brandSlug }, { initialData: initial })).data;
  const grant = useMutation(trpc.habits.grantConsent.mutationOptions());
  const withdraw = useMutation(trpc.habits.withdrawConsent.mutationOptions());
  const [notice, setNotice] = useState<Notice>();
  const busy = grant.isPending || withdraw.isPending;

  async function change(to: boolean) {
    setNotice(undefined);
    try {
      if (to) await grant.mutateAsync({ brandSlug });
      else await withdraw.mutateAsync({ brandSlug });
      setNotice({ tone: "info", key: to ? "habitsPrivacy.consentStatus.granted" : "habitsPrivacy.consentStatus.withdrawn" });
    } catch (err) {
      setNotice({ tone: "error", key: readProblem(err).key });
    }
    await queryClient.invalidateQueries(trpc.habits.consentStatus.pathFilter());
  }

  return (
    <Section id="privacy-consent" title={t("title")}>
      <p className="text-stone-800">{t("explain")}</p>
      <p className="font-semibold" data-testid="consent-state">
        {status.consent && status.grantedAt
          ? t("on", { date: format.dateTime(new Date(status.grantedAt), { dateStyle: "long" }) })
          : t("off")}
      </p>
      <NoticeLine notice={notice} />
      {status.consent ? (
        <>
          <p className="text-sm text-stone-700">{t("withdrawHint")}</p>
          <Button variant="secondary" className="self-start" disabled={busy} onClick={() => void change(false)}>
            {t("withdraw")}
          </Button>
        </>
      ) : (
        <Button className="self-start" disabled={busy} onClick={() => void change(true)}>
          {t("grant")}
        </Button>
      )}
    </Section>
  );
}

function ExportSection({ brandSlug }: { brandSlug: string }) {
  const t = useTranslations("habitsPrivacy.export");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();

  async function download() {
    setBusy(true);
    setNotice(undefined);
    try {
      const data = await queryClient.fetchQuery({ ...trpc.habits.export.queryOptions({ brandSlug }), staleTime: 0 });
      const day = localDay(new Date(), data.timeZone);
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `sadiq-habits-${brandSlug}-${day}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      // The browser has taken the file once the click is handled; keep the URL a moment for slow ones.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNotice({ tone: "info", key: "habitsPrivacy.export.done" });
    } catch (err) {
      setNotice({ tone: "error", key: readProblem(err).key });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="privacy-export" title={t("title")}>
      <p className="text-stone-800">{t("explain")}</p>
      <NoticeLine notice={notice} />
      <Button variant="secondary" className="self-start" disabled={busy} onClick={() => void download()}>
        {busy ? t("working") : t("button")}
      </Button>
    </Section>
  );
}

function DeleteSection({ brandSlug }: { brandSlug: string }) {
  const t = useTranslations("habitsPrivacy.delete");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const erase = useMutation(trpc.habits.deleteData.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [dialogProblem, setDialogProblem] = useState<string>();

  async function confirm() {
    setDialogProblem(undefined);
    try {
      const { erased } = await erase.mutateAsync({ brandSlug });
      setConfirming(false);
      setNotice({ tone: "info", key: "habitsPrivacy.delete.done", values: { count: erased } });
      void queryClient.invalidateQueries(trpc.quests.pathFilter());
    } catch (err) {
      setDialogProblem(readProblem(err).key);
    }
  }

  return (
    <Section id="privacy-delete" title={t("title")}>
      <p className="text-stone-800">{t("explain")}</p>
      <NoticeLine notice={notice} />
      <Button
        variant="secondary"
        className="self-start"
        onClick={() => {
          setNotice(undefined);
          setDialogProblem(undefined);
          setConfirming(true);
        }}
      >
        {t("button")}
      </Button>
      <Dialog open={confirming} onClose={() => !erase.isPending && setConfirming(false)} title={t("confirmTitle")} testId="delete-dialog">
        <NoticeLine notice={dialogProblem ? { tone: "error", key: dialogProblem } : undefined} />
        <p>{t("confirmBody")}</p>
        <ConfirmActions
          confirmLabel={erase.isPending ? t("working") : t("confirm")}
          cancelLabel={t("cancel")}
          busy={erase.isPending}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        />
      </Dialog>
    </Section>
  );
}

function TimeZoneSection({
  initialTimeZone,
  zones,
}: {
  initialTimeZone: string | null;
  zones: ReadonlyArray<{ value: string; label: string }>;
}) {
  const t = useTranslations("habitsPrivacy.timeZone");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const saved = me.data?.timeZone ?? initialTimeZone;
  const save = useMutation(trpc.me.setTimeZone.mutationOptions());
  const [zone, setZone] = useState(saved ?? "");
  const [touched, setTouched] = useState(false);
  const [notice, setNotice] = useState<Notice>();

  // Until the member picks one, show what is saved — or, before anything is, the browser's own zone.
  useEffect(() => {
    if (!touched) setZone(saved ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [saved, touched]);

  const options = zones.some((z) => z.value === zone) || !zone ? zones : [{ value: zone, label: zone }, ...zones];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(undefined);
    try {
      const result = await save.mutateAsync({ timeZone: zone });
      setTouched(false);
      setNotice({ tone: "info", key: "habitsPrivacy.timeZone.saved", values: { zone: result.timeZone } });
      await queryClient.invalidateQueries(trpc.me.pathFilter());
      void queryClient.invalidateQueries(trpc.quests.pathFilter());
    } catch (err) {
      const problem = readProblem(err);
      setNotice({ tone: "error", key: problem.fields.timeZone ?? problem.key });
    }
  }

  return (
    <Section id="privacy-time-zone" title={t("title")}>
      <p className="text-stone-800">{t("explain")}</p>
      <p className="font-semibold" data-testid="time-zone-current">
        {saved ? t("current", { zone: saved }) : t("notSet")}
      </p>
      <NoticeLine notice={notice} />
      <form onSubmit={submit} className="flex flex-col gap-3">
        <SelectField
          label={t("label")}
          name="timeZone"
          value={zone}
          options={options}
          onChange={(e) => {
            setTouched(true);
            setZone(e.target.value);
          }}
        />
        <Button type="submit" className="self-start" disabled={save.isPending || !zone}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
      </form>
    </Section>
  );
}

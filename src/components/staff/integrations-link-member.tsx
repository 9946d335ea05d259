"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { linkMemberInput } from "@/lib/validation/integrations";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

const FIELDS = ["handle", "externalId"];
const FALLBACK = { handle: "points.memberNotFound", externalId: "integrations.badExternalId" };

/** Staff set the brand's own id for a member, so events can name them by it. */
export function IntegrationsLinkMember({ brandSlug }: { brandSlug: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const link = useMutation(trpc.integrations.linkMember.mutationOptions());
  const [handle, setHandle] = useState("");
  const [externalId, setExternalId] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [done, setDone] = useState<string>();
  const tr = (key: string) => t(knownKey(t.has, key) as never);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setDone(undefined);
    const checked = linkMemberInput.safeParse({ handle, externalId });
    if (!checked.success) {
      setFields(issuesToFields(checked.error.issues, FALLBACK));
      return;
    }
    setFields({});
    try {
      const r = await link.mutateAsync({ brandSlug, handle, externalId });
      const name = r.handle;
      setDone(
        !r.changed
          ? t("integrations.link.unchanged", { handle: name })
          : r.externalId === null
            ? t("integrations.link.unlinked", { handle: name })
            : t("integrations.link.linked", { handle: name, externalId: r.externalId }),
      );
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setFields(shown.fields);
      setAlert(shown.alert);
    }
  }

  return (
    <section aria-labelledby="link-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="link-title" className="text-lg font-bold">
        {t("integrations.link.title")}
      </h2>
      <p className="text-stone-700">{t("integrations.link.body")}</p>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={link.isPending} data-testid="link-member-form">
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        <Field
          label={t("integrations.link.handle")}
          name="handle"
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          hint={t("donate.handleHint")}
          error={fields.handle ? tr(fields.handle) : undefined}
        />
        <Field
          label={t("integrations.link.externalId")}
          name="externalId"
          value={externalId}
          onChange={(e) => setExternalId(e.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={200}
          hint={t("integrations.link.externalIdHint")}
          error={fields.externalId ? tr(fields.externalId) : undefined}
        />
        <Button type="submit" className="self-start" disabled={link.isPending}>
          {link.isPending ? t("common.saving") : t("integrations.link.submit")}
        </Button>
      </form>
      {done ? <Alert tone="info">{done}</Alert> : null}
    </section>
  );
}

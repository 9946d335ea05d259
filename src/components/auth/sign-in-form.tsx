"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { type AuthResult, requestMagicLink, signInWithPassword } from "@/lib/auth-client";
import { fieldErrors, magicLinkInput, signInInput } from "@/lib/validation/auth";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

type Method = "password" | "link";

export function SignInForm({
  callbackUrl,
  oauth,
  initialError,
}: {
  callbackUrl: string;
  oauth: { id: string; name: string }[];
  initialError?: string;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [method, setMethod] = useState<Method>("password");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>(initialError);
  const [busy, setBusy] = useState(false);

  // The language travels in the callback URL so the e-mailed link and its landing page match it.
  const target = `${callbackUrl}${callbackUrl.includes("?") ? "&" : "?"}lang=${locale}`;

  function fail(result: Extract<AuthResult, { ok: false }>) {
    setFields(result.fields ?? {});
    setFormError(result.fields ? undefined : result.error);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setFormError(undefined);
    const checked = method === "password" ? signInInput.safeParse(data) : magicLinkInput.safeParse(data);
    if (!checked.success) {
      setFields(fieldErrors(checked.error));
      return;
    }
    setFields({});
    setBusy(true);
    try {
      if (method === "password") {
        const result = await signInWithPassword(checked.data.email, data.password ?? "", target);
        if (!result.ok) return fail(result);
        router.push(callbackUrl);
        router.refresh();
      } else {
        const result = await requestMagicLink(checked.data.email, target);
        if (!result.ok) return fail(result);
        router.push("/signin/check-email");
      }
    } finally {
      setBusy(false);
    }
  }

  const tab = (m: Method, label: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${m}`}
      aria-selected={method === m}
      aria-controls="signin-panel"
      onClick={() => {
        setMethod(m);
        setFields({});
        setFormError(undefined);
      }}
      className={`min-h-11 flex-1 rounded-md px-3 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-brand-700 ${
        method === m ? "bg-white text-stone-900 shadow" : "text-stone-700"
      }`}
    >
      {label}
    </button>
  );

  return (
    <div className="flex flex-col gap-5">
      <div role="tablist" aria-label={t("signIn.methods")} className="flex gap-1 rounded-lg bg-stone-200 p-1">
        {tab("password", t("signIn.tabPassword"))}
        {tab("link", t("signIn.tabLink"))}
      </div>
      <div id="signin-panel" role="tabpanel" aria-labelledby={`tab-${method}`}>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={busy}>
          {formError ? <Alert>{t(formError as never)}</Alert> : null}
          <Field
            key={`${method}-email`}
            label={t("signIn.email")}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            required
            error={fields.email ? t(fields.email as never) : undefined}
          />
          {method === "password" ? (
            <Field
              label={t("signIn.password")}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={fields.password ? t(fields.password as never) : undefined}
            />
          ) : (
            <p className="text-sm text-stone-700">{t("signIn.linkHint")}</p>
          )}
          <Button type="submit" disabled={busy}>
            {method === "password"
              ? busy
                ? t("signIn.submitting")
                : t("signIn.submit")
              : busy
                ? t("signIn.linkSending")
                : t("signIn.linkSubmit")}
          </Button>
        </form>
      </div>
      {oauth.length > 0 ? (
        <div className="flex flex-col gap-2">
          <p className="text-center text-sm text-stone-700">{t("signIn.oauth")}</p>
          {oauth.map((p) => (
            <Button key={p.id} variant="secondary" type="button" onClick={() => void signIn(p.id, { callbackUrl: target })}>
              {p.name}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

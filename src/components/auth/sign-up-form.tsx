"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { signInWithPassword } from "@/lib/auth-client";
import { fieldErrors, registerInput } from "@/lib/validation/auth";
import { useTRPC } from "@/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

interface ServerError {
  message?: string;
  data?: { fields?: Record<string, string> | null } | null;
}

export function SignUpForm({ brandSlug, referralCode }: { brandSlug: string; referralCode?: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const register = useMutation(trpc.auth.register.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const input = { name: data.name ?? "", email: data.email ?? "", password: data.password ?? "", brandSlug, referralCode };
    const checked = registerInput.safeParse(input);
    setFormError(undefined);
    if (!checked.success) {
      setFields(fieldErrors(checked.error));
      return;
    }
    setFields({});
    try {
      await register.mutateAsync(input);
    } catch (err) {
      const e = err as ServerError;
      setFields(e.data?.fields ?? {});
      setFormError(e.data?.fields ? undefined : (e.message ?? "errors.internal"));
      return;
    }
    setStatus(t("signUp.created"));
    const signedIn = await signInWithPassword(checked.data.email, input.password, `/home?lang=${locale}`);
    if (!signedIn.ok) {
      router.push("/signin");
      return;
    }
    router.push("/home");
    router.refresh();
  }

  const busy = register.isPending || status !== undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={busy}>
      {formError ? <Alert>{t(formError as never)}</Alert> : null}
      {status ? <Alert tone="info">{status}</Alert> : null}
      <Field
        label={t("signUp.name")}
        name="name"
        autoComplete="name"
        required
        maxLength={80}
        error={fields.name ? t(fields.name as never) : undefined}
      />
      <Field
        label={t("signUp.email")}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        error={fields.email ? t(fields.email as never) : undefined}
      />
      <Field
        label={t("signUp.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint={t("signUp.passwordHint")}
        error={fields.password ? t(fields.password as never) : undefined}
      />
      <Button type="submit" disabled={busy}>
        {busy ? t("signUp.submitting") : t("signUp.submit")}
      </Button>
    </form>
  );
}

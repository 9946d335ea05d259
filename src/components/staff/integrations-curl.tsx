"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { EVENT_HEADERS } from "@/lib/validation/integrations";
import { CopyButton } from "./integrations-copy";

/** A shell script that signs one event with openssl and sends it with curl; the secret stays a placeholder. */
export function curlExample(endpoint: string, brandSlug: string, questId: string): string {
  const body = JSON.stringify({ quest: questId, member: { email: "member@example.com" }, idempotencyKey: "order-1001" });
  return [
    "SECRET='sdq_your_secret'",
    "TS=$(date +%s)",
    `BODY='${body}'`,
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')`,
    `curl -sS -X POST '${endpoint}' \\`,
    "  -H 'Content-Type: application/json' \\",
    `  -H '${EVENT_HEADERS.brand}: ${brandSlug}' \\`,
    `  -H "${EVENT_HEADERS.timestamp}: $TS" \\`,
    `  -H "${EVENT_HEADERS.signature}: sha256=$SIG" \\`,
    `  --data-binary "$BODY"`,
  ].join("\n");
}

export function IntegrationsCurl({ endpoint, brandSlug, questId }: { endpoint: string; brandSlug: string; questId: string | null }) {
  const t = useTranslations("integrations.curl");
  const pre = useRef<HTMLPreElement>(null);
  const script = curlExample(endpoint, brandSlug, questId ?? "QUEST_ID");
  return (
    <section aria-labelledby="curl-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="curl-title" className="text-lg font-bold">
        {t("title")}
      </h2>
      <p className="text-stone-700">{t("body")}</p>
      {/* Wraps instead of scrolling sideways on a phone; the copy button copies the exact lines. */}
      <pre
        ref={pre}
        className="whitespace-pre-wrap break-all rounded-xl bg-stone-900 p-3 font-mono text-sm text-stone-50"
        data-testid="curl-example"
      >
        {script}
      </pre>
      <CopyButton text={script} what={t("copyWhat")} fallback={pre} />
      <p className="text-sm text-stone-700">{t("answers")}</p>
    </section>
  );
}

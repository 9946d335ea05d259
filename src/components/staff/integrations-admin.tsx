"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { EVENT_HEADERS } from "@/lib/validation/integrations";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { CopyButton } from "./integrations-copy";
import { IntegrationsCurl } from "./integrations-curl";
import { IntegrationsLinkMember } from "./integrations-link-member";
import { IntegrationsSecret } from "./integrations-secret";

export type Integration = inferRouterOutputs<AppRouter>["integrations"]["get"];

/** The events API for staff: where to send, the secret, which quests, an example and member links. */
export function IntegrationsAdmin({ brandSlug, initial }: { brandSlug: string; initial: Integration }) {
  const t = useTranslations("integrations");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const info = useQuery(trpc.integrations.get.queryOptions({ brandSlug }, { initialData: initial })).data;
  const endpointRef = useRef<HTMLElement>(null);
  const firstActive = info.customQuests.find((q) => q.active) ?? info.customQuests[0];

  return (
    <>
      <section aria-labelledby="endpoint-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="endpoint-title" className="text-lg font-bold">
          {t("endpoint.title")}
        </h2>
        <p className="text-stone-700">{t("endpoint.body")}</p>
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone="green">POST</Badge>
          <code ref={endpointRef} className="break-all font-mono text-stone-900" data-testid="endpoint">
            {info.endpoint}
          </code>
        </p>
        <CopyButton text={info.endpoint} what={t("endpoint.copyWhat")} fallback={endpointRef} />
        <dl className="grid gap-x-3 text-sm sm:grid-cols-[auto_1fr] sm:gap-y-1">
          <dt className="font-mono font-semibold text-stone-800">{EVENT_HEADERS.brand}</dt>
          <dd className="mb-2 break-all font-mono sm:mb-0">{brandSlug}</dd>
          <dt className="font-mono font-semibold text-stone-800">{EVENT_HEADERS.timestamp}</dt>
          <dd className="mb-2 sm:mb-0">{t("endpoint.timestamp")}</dd>
          <dt className="font-mono font-semibold text-stone-800">{EVENT_HEADERS.signature}</dt>
          <dd>{t("endpoint.signature")}</dd>
        </dl>
      </section>

      <IntegrationsSecret
        brandSlug={brandSlug}
        state={info}
        onChanged={() => void queryClient.invalidateQueries(trpc.integrations.get.queryFilter({ brandSlug }))}
      />

      <section aria-labelledby="custom-quests-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="custom-quests-title" className="text-lg font-bold">
          {t("quests.title")}
        </h2>
        <p className="text-stone-700">{t("quests.body")}</p>
        {info.customQuests.length === 0 ? (
          <p className="text-stone-700">
            {t("quests.empty")}{" "}
            <Link href="/staff/quests" className="font-semibold text-brand-700 underline underline-offset-4">
              {t("quests.builder")}
            </Link>
          </p>
        ) : (
          <ul className="flex flex-col gap-3">
            {info.customQuests.map((q) => (
              <li key={q.id} className="flex flex-col gap-2 rounded-xl border border-stone-200 p-3" data-testid="custom-quest">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <span className="break-words font-semibold">{q.title}</span>
                  <Badge tone={q.active ? "green" : "amber"}>{q.active ? t("quests.active") : t("quests.inactive")}</Badge>
                </div>
                <code className="break-all font-mono text-sm text-stone-800">{q.id}</code>
                <CopyButton text={q.id} what={t("quests.copyWhat", { title: q.title })} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <IntegrationsCurl endpoint={info.endpoint} brandSlug={brandSlug} questId={firstActive?.id ?? null} />
      <IntegrationsLinkMember brandSlug={brandSlug} />
    </>
  );
}

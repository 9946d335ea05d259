"use client";

import { useTranslations } from "next-intl";
import { useSocketStatus } from "@/lib/realtime/client";

const dot = { connecting: "bg-amber-500", live: "bg-brand-500", offline: "bg-red-600" } as const;

/** Shows the real socket state; data attributes let tests read transport and identity. */
export function LiveIndicator() {
  const t = useTranslations("live");
  const status = useSocketStatus();
  return (
    <div
      role="status"
      aria-label={t("label")}
      data-state={status.state}
      data-transport={status.transport ?? ""}
      data-user-id={status.userId ?? ""}
      className="inline-flex items-center gap-2 rounded-full border border-stone-300 bg-white px-3 py-1 text-sm text-stone-800"
    >
      <span aria-hidden="true" className={`size-2.5 rounded-full ${dot[status.state]} ${status.state === "live" ? "animate-pulse" : ""}`} />
      {t(status.state)}
    </div>
  );
}

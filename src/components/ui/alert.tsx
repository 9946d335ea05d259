import type { ReactNode } from "react";

export function Alert({ tone = "error", children }: { tone?: "error" | "info"; children: ReactNode }) {
  const look = tone === "error" ? "border-red-700 bg-red-50 text-red-800" : "border-brand-600 bg-brand-50 text-brand-900";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg border px-3 py-2 text-sm font-medium ${look}`}>
      {children}
    </div>
  );
}

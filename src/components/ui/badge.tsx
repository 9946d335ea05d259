import type { ReactNode } from "react";

const tones = {
  green: "bg-brand-100 text-brand-900",
  amber: "bg-amber-100 text-amber-900",
  grey: "bg-stone-200 text-stone-800",
  red: "bg-red-100 text-red-800",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "grey", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tones[tone]}`}>
      {children}
    </span>
  );
}

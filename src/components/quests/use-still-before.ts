"use client";

import { useEffect, useState } from "react";

/** True until the instant `iso` passes, re-rendering right when it does (e.g. to hide an undo button). */
export function useStillBefore(iso: string | null | undefined): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!iso) return;
    const left = new Date(iso).getTime() - Date.now();
    if (left <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), left + 50);
    return () => clearTimeout(timer);
  }, [iso]);
  return !!iso && new Date(iso).getTime() > now;
}

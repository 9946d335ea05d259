"use client";

import { useEffect, useRef } from "react";
import { sendVisitBeacon } from "./beacon";

/** Reports the page view once it runs in a browser; renders nothing. */
export function VisitBeacon({ code }: { code: string }) {
  const sent = useRef<string | null>(null);
  useEffect(() => {
    // React runs effects twice in development; the server ignores repeats anyway.
    if (sent.current === code) return;
    sent.current = code;
    void sendVisitBeacon(code);
  }, [code]);
  return null;
}

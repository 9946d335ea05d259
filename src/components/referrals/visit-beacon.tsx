"use client";

import { useEffect, useRef } from "react";
import { sendReferralBeacon } from "./beacon";

/** Reports the landing page view once it runs in a browser; renders nothing. */
export function ReferralVisitBeacon({ code }: { code: string }) {
  const sent = useRef<string | null>(null);
  useEffect(() => {
    // React runs effects twice in development; the server counts one visit per visitor and day anyway.
    if (sent.current === code) return;
    sent.current = code;
    void sendReferralBeacon(code);
  }, [code]);
  return null;
}

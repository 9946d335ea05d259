"use client";

import { useCallback, useRef } from "react";

/** A UUID; falls back to getRandomValues where randomUUID is missing (plain-HTTP origins). */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * One idempotency key per submission: asking again for the same payload (a retry after an error
 * or a lost answer) returns the same key; a different payload or a `done()` starts a new one.
 */
export function useIdempotencyKey() {
  const current = useRef<{ key: string; payload: string } | null>(null);
  const keyFor = useCallback((payload: unknown) => {
    const p = JSON.stringify(payload);
    if (!current.current || current.current.payload !== p) current.current = { key: newKey(), payload: p };
    return current.current.key;
  }, []);
  const done = useCallback(() => {
    current.current = null;
  }, []);
  return { keyFor, done };
}

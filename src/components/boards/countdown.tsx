"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

export function splitDuration(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** Time left until `endsAt`, ticking every second: "2 days 5 h", then "5 h 12 min", then "12 min 30 s". */
export function useTimeLeft(endsAt: string, onEnd?: () => void): string {
  const t = useTranslations("boardsUi.countdown");
  const end = Date.parse(endsAt);
  const [now, setNow] = useState(() => Date.now());
  const ended = useRef(false);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    ended.current = false;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= end && !ended.current) {
        ended.current = true;
        onEndRef.current?.();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [end]);
  const left = splitDuration(end - now);
  if (end <= now) return t("now");
  if (left.days > 0) return t("days", left);
  if (left.hours > 0) return t("hours", left);
  return t("minutes", left);
}

/**
 * A sentence with the time left in it ("This week ends in 2 days 5 h"). It is not a live region: a screen
 * reader would hear it every second. The server's clock differs from the browser's, so the first text may.
 */
export function Countdown({
  endsAt,
  onEnd,
  sentence,
  testId,
}: {
  endsAt: string;
  onEnd?: () => void;
  sentence: (time: string) => string;
  testId?: string;
}) {
  const left = useTimeLeft(endsAt, onEnd);
  return (
    <time dateTime={endsAt} data-testid={testId} suppressHydrationWarning className="tabular-nums">
      {sentence(left)}
    </time>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { type RefObject, useState } from "react";
import { Button } from "../ui/button";

/**
 * Copies `text`; where the clipboard is unavailable (plain HTTP, denied) it selects `fallback` so it can
 * be copied by hand. `what` names what is copied for screen readers ("Copy" + " the endpoint").
 */
export function CopyButton({ text, what, fallback }: { text: string; what: string; fallback?: RefObject<HTMLElement | null> }) {
  const t = useTranslations("integrations");
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 3000);
    } catch {
      const node = fallback?.current;
      if (node) {
        const range = document.createRange();
        range.selectNodeContents(node);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    }
  }

  return (
    <>
      <Button variant="secondary" className="self-start" onClick={() => void copy()}>
        {copied ? t("copied") : t("copy")}
        <span className="sr-only"> {what}</span>
      </Button>
      <span role="status" className="sr-only">
        {copied ? t("copied") : ""}
      </span>
    </>
  );
}

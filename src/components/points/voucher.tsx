"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "../ui/button";

/** The code a member shows at the counter, large, with a copy button. */
export function VoucherPanel({ code, title, onClose }: { code: string; title: string; onClose: () => void }) {
  const t = useTranslations("rewards");
  const heading = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // No clipboard (plain HTTP or denied): select the code so the member can copy it by hand.
      const node = codeRef.current;
      if (node) {
        const range = document.createRange();
        range.selectNodeContents(node);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    }
  }

  return (
    <section
      aria-labelledby="voucher-title"
      className="flex flex-col gap-3 rounded-2xl border-2 border-brand-600 bg-brand-50 p-5"
      data-testid="voucher"
    >
      <h2 id="voucher-title" ref={heading} tabIndex={-1} className="text-lg font-bold text-brand-900 focus:outline-none">
        {t("voucherTitle", { name: title })}
      </h2>
      <p className="text-stone-800">{t("voucherHint")}</p>
      <code
        ref={codeRef}
        className="block select-all break-all rounded-xl bg-white px-3 py-4 text-center font-mono text-2xl font-bold tracking-widest text-stone-900 sm:text-3xl"
        data-testid="voucher-code"
      >
        {code}
      </code>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button onClick={() => void copy()}>{copied ? t("copied") : t("copy")}</Button>
        <Button variant="secondary" onClick={onClose}>
          {t("voucherDone")}
        </Button>
      </div>
      <span role="status" className="sr-only">
        {copied ? t("copied") : ""}
      </span>
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button, linkButton } from "../ui/button";
import { type ShareContent, shareLinks } from "./share-links";

type CopyState = "idle" | "copied" | "failed";

/**
 * Everything needed to pass a link on: the phone's own share menu (Web Share API) where the browser
 * has one, a ready link per network, and copy-to-clipboard with feedback screen readers announce.
 * Knows nothing about what is shared, so quests, referrals and ideas all use it.
 */
export function ShareSheet({ url, title, text }: ShareContent) {
  const t = useTranslations("shares");
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [native, setNative] = useState(false);
  const [copy, setCopy] = useState<CopyState>("idle");

  // navigator exists only in the browser; deciding after mount keeps server and client HTML equal.
  useEffect(() => {
    const data = { url, title, text };
    setNative(typeof navigator.share === "function" && (typeof navigator.canShare !== "function" || navigator.canShare(data)));
    setCopy("idle");
  }, [url, title, text]);

  async function shareNatively() {
    try {
      await navigator.share({ url, title, text });
    } catch {
      // The member closed the menu, or the browser refused: the links below still work.
    }
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopy("copied");
    } catch {
      // No clipboard permission (or plain http): select the text so a long-press or Ctrl+C copies it.
      input.current?.focus();
      input.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div className="flex flex-col gap-4" data-testid="share-sheet">
      {native ? (
        <Button onClick={shareNatively} data-testid="share-native">
          {t("shareNative")}
        </Button>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="text-sm font-semibold">
          {t("linkLabel")}
        </label>
        <div className="flex gap-2">
          <input
            ref={input}
            id={inputId}
            readOnly
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            data-testid="share-url"
            className="min-h-11 min-w-0 flex-1 rounded-lg border border-stone-400 bg-stone-50 px-3 text-base text-stone-900"
          />
          <Button variant="secondary" onClick={copyLink} data-testid="share-copy">
            {t("copy")}
          </Button>
        </div>
        <p role="status" aria-live="polite" className="min-h-5 text-sm font-medium text-brand-900" data-testid="share-copy-status">
          {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : ""}
        </p>
      </div>
      <nav aria-label={t("networks")}>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {shareLinks({ url, title, text }).map((link) => (
            <li key={link.network}>
              <a
                href={link.href}
                target="_blank"
                rel="noopener noreferrer"
                data-testid={`share-${link.network}`}
                className={`${linkButton.secondary} w-full`}
              >
                {link.name}
                <span className="sr-only"> {t("newTab")}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

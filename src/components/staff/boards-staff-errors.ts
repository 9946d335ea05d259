"use client";

import { useTranslations } from "next-intl";
import { knownKey } from "../points/errors";

/**
 * Turns an error key into words for the staff forms. Board and league keys get the staff wording
 * (`boardsStaff.errors.*`, which says what the field accepts); anything else its own message.
 */
export function useBoardsErrorText() {
  const t = useTranslations();
  return (key: string | undefined) => {
    const name = key?.match(/^(?:boards|leagues)\.(\w+)$/)?.[1];
    const own = name ? `boardsStaff.errors.${name}` : undefined;
    if (own && t.has(own)) return t(own as never);
    return t(knownKey(t.has, key) as never);
  };
}

import { createTranslator } from "use-intl/core";
import { isLocale, type Locale } from "./config";
import { loadMessages } from "./messages";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A translator for one locale and namespace, built from that locale's own messages. Server code that
 * needs a language other than the viewer's (the English fallback on share images) cannot use
 * `getTranslations({ locale })`: the request config answers in the viewer's language whatever is asked.
 */
export async function translatorIn(locale: Locale, namespace: string): Promise<Translate> {
  const translate = createTranslator({ locale, messages: (await loadMessages(locale)) as never, namespace: namespace as never });
  return (key, values) => translate(key as never, values as never);
}

/** The viewer's locale when it is one we have, else English. */
export function supportedLocale(value: string): Locale {
  return isLocale(value) ? value : "en";
}

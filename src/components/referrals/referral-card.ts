import { drawable, fitsFont } from "../shares/og-text";
import type { LandingView } from "./types";

export interface ReferralCardLabels {
  /** "@handle invited you" */
  invite: string;
  /** "Join and get 50 points after your first quest" */
  offer: string;
}

/** What the invite image draws: who invites, to which brand, and the welcome offer. */
export interface ReferralCard {
  invite: string;
  headline: string;
  offer: string;
  welcome: string | null;
}

/** Longest text each line of the 1200×630 card holds at its font size before it would run off the card. */
export const CARD_LIMITS = { invite: 48, headline: 40, offer: 70, welcome: 120 } as const;

/**
 * Shortens to `max` characters at a word boundary where one is near, with an ellipsis. Satori wraps
 * at spaces only, so a handle or brand name without spaces would otherwise overflow the card.
 */
export function clamp(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  // The cut ends a word when the next letter is a space; else back up to the last whole word.
  const space = chars[max - 1] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The image's content. Labels come in the viewer's language when the bundled font can draw it, else
 * in the fallback (English); names are romanised or reduced to what the font draws.
 */
export function referralCard(view: LandingView, labels: ReferralCardLabels, fallback: ReferralCardLabels): ReferralCard {
  const l = Object.values(labels).every(fitsFont) ? labels : fallback;
  const welcome = view.offer.welcomeText ? drawable(view.offer.welcomeText) : "";
  return {
    invite: clamp(drawable(l.invite), CARD_LIMITS.invite),
    headline: clamp(drawable(view.brand.name), CARD_LIMITS.headline),
    offer: clamp(drawable(l.offer), CARD_LIMITS.offer),
    welcome: welcome ? clamp(welcome, CARD_LIMITS.welcome) : null,
  };
}

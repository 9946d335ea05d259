/** What a share sheet shares: the link, a title and a short text to go with it. */
export interface ShareContent {
  url: string;
  title: string;
  text: string;
}

export const NETWORKS = ["x", "facebook", "whatsapp", "telegram", "linkedin"] as const;
export type Network = (typeof NETWORKS)[number];

/** Brand names, the same in every language. */
export const NETWORK_NAMES: Record<Network, string> = {
  x: "X",
  facebook: "Facebook",
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  linkedin: "LinkedIn",
};

// encodeURIComponent rather than URLSearchParams: some of these read "+" as a plus, not a space.
const query = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");

/** Each network's own "share this" address, prefilled; none needs an SDK or a script of theirs. */
export function shareLinks({ url, text }: ShareContent): { network: Network; name: string; href: string }[] {
  const hrefs: Record<Network, string> = {
    x: `https://twitter.com/intent/tweet?${query({ text, url })}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?${query({ u: url })}`,
    whatsapp: `https://wa.me/?${query({ text: `${text} ${url}` })}`,
    telegram: `https://t.me/share/url?${query({ url, text })}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?${query({ url })}`,
  };
  return NETWORKS.map((network) => ({ network, name: NETWORK_NAMES[network], href: hrefs[network] }));
}

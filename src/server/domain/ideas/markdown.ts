import MarkdownIt from "markdown-it";

/**
 * Only web and mail links, or paths on this site. The URL arrives entity-decoded and normalized, so
 * `jav&#x09;ascript:` has become `jav%09ascript:` and fails like any other unknown scheme. A leading
 * `//` or `/\` (percent-encoded by then) would leave the site, so a relative link must be a plain path.
 */
const SAFE_LINK = /^(?:https?:|mailto:|\/(?![/\\]|%5c))/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.disable("image");
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    // Members' links must not pass page rank, nor reach back into this page through window.opener.
    token.attrSet("rel", "nofollow ugc noopener");
    token.attrSet("target", "_blank");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Markdown written by members, as HTML that is safe to insert: no raw HTML, no images, only safe links. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** The text of a Markdown body without its markup, whitespace collapsed, cut to `max` characters. */
export function plainExcerpt(source: string, max = 200): string {
  const parts: string[] = [];
  for (const token of md.parse(source, {})) {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") parts.push(child.content);
        else if (child.type === "softbreak" || child.type === "hardbreak") parts.push(" ");
      }
      parts.push(" ");
    } else if (token.type === "code_block" || token.type === "fence") {
      parts.push(token.content, " ");
    }
  }
  const text = parts.join("").replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  // Cut at a word boundary unless that would throw away most of the excerpt.
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

import { describe, expect, it } from "vitest";
import { plainExcerpt, renderMarkdown } from "./markdown";

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    expect(renderMarkdown("**bold** and *it*")).toBe("<p><strong>bold</strong> and <em>it</em></p>\n");
    expect(renderMarkdown("- one\n- two")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
    expect(renderMarkdown("1. first")).toBe("<ol>\n<li>first</li>\n</ol>\n");
    expect(renderMarkdown("use `a < b`")).toBe("<p>use <code>a &lt; b</code></p>\n");
    expect(renderMarkdown("```\n<b>x</b>\n```")).toBe("<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n");
    expect(renderMarkdown("line one\nline two")).toBe("<p>line one<br>\nline two</p>\n");
  });

  it("opens links in a new tab without passing rank or the opener", () => {
    expect(renderMarkdown("[site](https://example.com/a?b=1)")).toBe(
      '<p><a href="https://example.com/a?b=1" rel="nofollow ugc noopener" target="_blank">site</a></p>\n',
    );
    expect(renderMarkdown("see https://example.org now")).toBe(
      '<p>see <a href="https://example.org" rel="nofollow ugc noopener" target="_blank">https://example.org</a> now</p>\n',
    );
    expect(hrefs(renderMarkdown("[mail](mailto:team@example.com)"))).toEqual(["mailto:team@example.com"]);
    expect(hrefs(renderMarkdown("[roadmap](/b/acme/ideas)"))).toEqual(["/b/acme/ideas"]);
    expect(hrefs(renderMarkdown("[plain](http://example.com)"))).toEqual(["http://example.com"]);
  });

  it("escapes raw HTML instead of rendering it", () => {
    const script = renderMarkdown("<script>alert(1)</script>");
    expect(script).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    const img = renderMarkdown('<img src=x onerror="alert(1)">');
    expect(img).toBe("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>\n");
    const svg = renderMarkdown("<svg onload=alert(1)>");
    expect(svg).toBe("<p>&lt;svg onload=alert(1)&gt;</p>\n");
    const attrs = renderMarkdown('<a href="javascript:alert(1)" style="x">hi</a> <div onclick="x()">');
    expect(attrs).not.toContain("<a");
    expect(attrs).not.toContain("<div");
    expect(attrs).toContain("&lt;a href=&quot;javascript:alert(1)&quot;");
  });

  it("drops images", () => {
    const html = renderMarkdown("![x](https://example.com/a.png)");
    expect(html).not.toContain("<img");
  });

  it.each([
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/png;base64,iVBORw0KGgo=)",
    "[x](vbscript:msgbox)",
    "[x](file:///etc/passwd)",
    "[x](//evil.example.com)",
    "[x](/\\evil.example.com)",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
  ])("renders %j as inert text without a link", (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toContain("<a");
    expect(hrefs(html)).toEqual([]);
    expect(html.toLowerCase()).not.toMatch(/<[a-z]+[^>]*(javascript|data):/);
  });
});

describe("plainExcerpt", () => {
  it("strips markup and collapses whitespace", () => {
    expect(plainExcerpt("# Title\n\n**Bold** [link](https://x.org) and `code`\n\n- a\n- b")).toBe("Title Bold link and code a b");
  });

  it("cuts long text at a word boundary within the limit", () => {
    const text = "word ".repeat(100);
    const out = plainExcerpt(text, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith("word…")).toBe(true);
    expect(plainExcerpt("short", 200)).toBe("short");
  });

  it("never carries HTML", () => {
    expect(plainExcerpt("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });
});

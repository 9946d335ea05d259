import { Fragment, type ReactNode } from "react";
import { PROSE } from "./prose";

interface Piece {
  at: number;
  text: string;
}

/** Splits `text` on `pattern`, keeping where each piece starts (a stable key for a preview that re-renders per keystroke). */
function split(text: string, pattern: RegExp, base = 0): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    out.push({ at: base + at, text: text.slice(at, m.index) });
    at = m.index + m[0].length;
  }
  out.push({ at: base + at, text: text.slice(at) });
  return out;
}

const LIST_ITEM = /^\s*([-*+]|\d+\.)\s+/;

/**
 * A rough look at the Markdown before posting, built from React text nodes only (so nothing typed can
 * become markup): paragraphs, headings, lists, **bold**, *italic* and `code`. Links stay as typed; the
 * server renders the real thing.
 */
export function MarkdownPreview({ source }: { source: string }) {
  const blocks = split(source.replace(/\r\n?/g, "\n"), /\n{2,}/g).filter((b) => b.text.trim());
  return (
    <div className={PROSE}>
      {blocks.map((block) => {
        const lines = split(block.text, /\n/g, block.at);
        const heading = /^\s*#{1,6}\s+(.*)$/.exec(block.text);
        if (heading && lines.length === 1) {
          return (
            <p key={block.at} className="font-bold">
              {inline(heading[1] ?? "")}
            </p>
          );
        }
        if (lines.every((l) => LIST_ITEM.test(l.text))) {
          const items = lines.map((l) => <li key={l.at}>{inline(l.text.replace(LIST_ITEM, ""))}</li>);
          return /^\s*\d+\./.test(block.text) ? <ol key={block.at}>{items}</ol> : <ul key={block.at}>{items}</ul>;
        }
        return (
          <p key={block.at}>
            {lines.map((l) => (
              <Fragment key={l.at}>
                {l.at > block.at ? <br /> : null}
                {inline(l.text)}
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}

function inline(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(/`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_/g)) {
    if (m.index > at) nodes.push(<Fragment key={`t${at}`}>{text.slice(at, m.index)}</Fragment>);
    if (m[1] !== undefined) nodes.push(<code key={m.index}>{m[1]}</code>);
    else if (m[2] !== undefined) nodes.push(<strong key={m.index}>{m[2]}</strong>);
    else nodes.push(<em key={m.index}>{m[3] ?? m[4]}</em>);
    at = m.index + m[0].length;
  }
  if (at < text.length) nodes.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return nodes;
}

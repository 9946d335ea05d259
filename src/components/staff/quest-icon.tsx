import type { ReactNode } from "react";
import { QUEST_ICONS } from "@/lib/validation/quests";

export type QuestIconName = (typeof QUEST_ICONS)[number];

/**
 * Line drawings for the quest icons. They are SVG rather than emoji because not every device (nor the
 * test browser) has a colour emoji font, and a fixed set keeps staff from injecting markup.
 */
const DRAWINGS: Record<QuestIconName, ReactNode> = {
  star: <path d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z" />,
  run: (
    <>
      <circle cx="15.5" cy="4.5" r="2" />
      <path d="M6 10.5l3.5-2.5 4.5 1 2.5 3.5 3 .5" />
      <path d="M13.5 9l-3 5 3.5 2.5-1 5" />
      <path d="M10.5 14l-2.5 3.5H4" />
    </>
  ),
  heart: (
    <path d="M12 20.3s-7.6-4.5-9-9.4C2 7.4 4.4 4.5 7.6 4.5c1.9 0 3.4 1 4.4 2.6 1-1.6 2.5-2.6 4.4-2.6 3.2 0 5.6 2.9 4.6 6.4-1.4 4.9-9 9.4-9 9.4z" />
  ),
  leaf: (
    <>
      <path d="M4.5 19.5C4.5 10.5 10 4 20 4c0 10-6.5 15.5-15.5 15.5z" />
      <path d="M4.5 19.5L13 11" />
    </>
  ),
  water: <path d="M12 3c3.6 4.4 6.5 8 6.5 11.4a6.5 6.5 0 0 1-13 0C5.5 11 8.4 7.4 12 3z" />,
  sleep: (
    <>
      <path d="M19.5 14.5A8 8 0 1 1 9.5 4.5a6.5 6.5 0 0 0 10 10z" />
      <path d="M15 4h4l-4 4h4" />
    </>
  ),
  review: (
    <>
      <path d="M4 4.5h16v11.5H9.5L4 20.5z" />
      <path d="M8 8.5h8M8 12h5" />
    </>
  ),
  share: (
    <>
      <circle cx="18" cy="5" r="2.5" />
      <circle cx="6" cy="12" r="2.5" />
      <circle cx="18" cy="19" r="2.5" />
      <path d="M8.2 10.8l7.6-4.6M8.2 13.2l7.6 4.6" />
    </>
  ),
  gift: (
    <>
      <path d="M3.5 8h17v4h-17zM5 12h14v8.5H5zM12 8v12.5" />
      <path d="M12 8C10.5 5 7 4 7 6.5S10 8 12 8zm0 0c1.5-3 5-4 5-1.5S14 8 12 8z" />
    </>
  ),
  bolt: <path d="M13.5 2.5L4.5 14H11l-1 7.5L19.5 10H13z" />,
};

/** A quest's icon, decorative: whoever shows it also shows its title or name in text. */
export function QuestIcon({ icon, className = "size-6" }: { icon: string; className?: string }) {
  const name = (QUEST_ICONS as readonly string[]).includes(icon) ? (icon as QuestIconName) : "star";
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
      data-icon={name}
    >
      {DRAWINGS[name]}
    </svg>
  );
}

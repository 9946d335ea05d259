"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * The signed-in member's main links; the current section is marked for screen readers and sight.
 * On a phone they stay on one row that scrolls sideways (wrapped, eleven links took five rows of the
 * screen), and the current link is scrolled into view.
 */
export function NavLinks({ links }: { links: ReadonlyArray<{ href: string; label: string }> }) {
  const pathname = usePathname();
  const current = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const link = current.current;
    const row = link?.closest("ul");
    if (!link || !row || row.scrollWidth <= row.clientWidth) return;
    const offset = link.getBoundingClientRect().left - row.getBoundingClientRect().left;
    row.scrollLeft += offset - (row.clientWidth - link.offsetWidth) / 2;
  }, []);
  return (
    <ul className="flex items-center gap-1 overflow-x-auto px-1 sm:flex-wrap sm:overflow-visible sm:px-0">
      {links.map((link) => {
        const isCurrent = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <li key={link.href} className="shrink-0">
            <Link
              ref={isCurrent ? current : undefined}
              href={link.href}
              aria-current={isCurrent ? "page" : undefined}
              className="inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700 aria-[current=page]:bg-brand-100 aria-[current=page]:text-brand-900"
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

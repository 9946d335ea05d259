"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The signed-in member's main links; the current section is marked for screen readers and sight. */
export function NavLinks({ links }: { links: ReadonlyArray<{ href: string; label: string }> }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {links.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-[current=page]:bg-brand-100 aria-[current=page]:text-brand-900"
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/trpc/server";
import { SignOutButton } from "../auth/sign-out-button";
import { NotificationBell } from "../ideas/notification-bell";
import { linkButton } from "../ui/button";
import { LanguageSwitcher } from "./language-switcher";
import { NavLinks } from "./nav-links";

export async function SiteHeader({ signedIn }: { signedIn: boolean }) {
  const t = await getTranslations("nav");
  const tBoards = await getTranslations("boardsUi.nav");
  const tIdeas = await getTranslations("ideasUi.nav");
  const me = signedIn ? await (await serverApi()).me.get().catch(() => undefined) : undefined;
  const membership = me?.memberships[0];
  const role = membership?.role;
  const links = [
    { href: "/home", label: t("home") },
    { href: "/quests", label: t("quests") },
    { href: "/points", label: t("points") },
    { href: "/leaderboards", label: tBoards("leaderboards") },
    { href: "/leagues", label: tBoards("leagues") },
    { href: "/ideas", label: tIdeas("ideas") },
    { href: "/roadmap", label: tIdeas("roadmap") },
    { href: "/rewards", label: t("rewards") },
    { href: "/surprises", label: t("surprises") },
    { href: "/referrals", label: t("invite") },
    ...(role === "moderator" || role === "admin" ? [{ href: "/staff", label: t("staff") }] : []),
  ];
  return (
    <header className="border-b border-stone-300 bg-stone-50">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-2 gap-y-1 px-4 py-2">
        <Link
          href="/"
          className="rounded text-xl font-bold tracking-tight text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-700"
        >
          Sadiq
        </Link>
        {signedIn ? (
          <>
            <nav aria-label={t("main")} className="order-last -mx-3 w-[calc(100%+1.5rem)] sm:order-none sm:mx-0 sm:w-auto">
              <NavLinks links={links} />
            </nav>
            <div className="flex items-center gap-1">
              {membership ? <NotificationBell brandSlug={membership.brandSlug} /> : null}
              <SignOutButton />
              <LanguageSwitcher />
            </div>
          </>
        ) : (
          <nav aria-label={t("main")} className="flex flex-wrap items-center gap-1">
            <Link
              href="/roadmap"
              className="min-h-11 content-center rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200"
            >
              {tIdeas("roadmap")}
            </Link>
            <Link
              href="/signin"
              className="min-h-11 content-center rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200"
            >
              {t("signIn")}
            </Link>
            <Link href="/signup" className={`${linkButton.primary} text-sm`}>
              {t("signUp")}
            </Link>
            <LanguageSwitcher />
          </nav>
        )}
      </div>
    </header>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "../auth/sign-out-button";
import { linkButton } from "../ui/button";
import { LanguageSwitcher } from "./language-switcher";

export async function SiteHeader({ signedIn }: { signedIn: boolean }) {
  const t = await getTranslations("nav");
  return (
    <header className="border-b border-stone-300 bg-stone-50">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link
          href="/"
          className="rounded text-xl font-bold tracking-tight text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-700"
        >
          Sadiq
        </Link>
        <nav aria-label={t("main")} className="flex flex-wrap items-center gap-1">
          {signedIn ? (
            <>
              <Link
                href="/home"
                className="min-h-11 content-center rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200"
              >
                {t("home")}
              </Link>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link
                href="/signin"
                className="min-h-11 content-center rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200"
              >
                {t("signIn")}
              </Link>
              <Link href="/signup" className={`${linkButton.primary} text-sm`}>
                {t("signUp")}
              </Link>
            </>
          )}
          <LanguageSwitcher />
        </nav>
      </div>
    </header>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { linkButton } from "@/components/ui/button";

/** An invite link that was mistyped, cut short or never existed. */
export default async function InviteNotFound() {
  const t = await getTranslations("referrals.landing");
  return (
    <div className="flex flex-col items-start gap-3" data-testid="invite-not-found">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p className="text-stone-700">{t("notFoundBody")}</p>
      <Link href="/signup" className={linkButton.primary}>
        {t("notFoundJoin")}
      </Link>
    </div>
  );
}

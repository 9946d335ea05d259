import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { serverApi, viewerId } from "@/trpc/server";

export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await viewerId()) redirect("/home");
  const t = await getTranslations("signUp");
  const tInvite = await getTranslations("referrals.signup");
  const ref = (await searchParams).ref;
  // An invite link's code (?ref=); a code that is no invite is simply not shown or sent.
  const invite = typeof ref === "string" ? await (await serverApi()).referrals.landing({ code: ref }).catch(() => undefined) : undefined;
  const slug = invite?.brand.slug ?? process.env.SADIQ_DEFAULT_BRAND ?? "demo";
  const brand = await (await serverApi()).brands.get({ slug }).catch(() => undefined);
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title", { brand: brand?.name ?? "Sadiq" })}</h1>
        <p className="text-stone-700">{t("subtitle")}</p>
      </div>
      {invite ? (
        <p className="rounded-2xl bg-brand-50 p-4 font-semibold text-brand-900" data-testid="signup-invited">
          {tInvite("invited", { handle: invite.inviter.handle, points: invite.offer.friendPoints, action: invite.offer.qualifyingAction })}
        </p>
      ) : null}
      <div className="rounded-2xl border border-stone-300 bg-white p-5">
        <SignUpForm brandSlug={slug} referralCode={invite?.code} />
      </div>
      <p className="text-center text-stone-700">
        {t("haveAccount")}{" "}
        <Link href="/signin" className="font-semibold text-brand-700 underline underline-offset-4">
          {t("signInInstead")}
        </Link>
      </p>
    </div>
  );
}

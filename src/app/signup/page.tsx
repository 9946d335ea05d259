import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { serverApi, viewerId } from "@/trpc/server";

export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await viewerId()) redirect("/home");
  const t = await getTranslations("signUp");
  const slug = process.env.SADIQ_DEFAULT_BRAND ?? "demo";
  const brand = await (await serverApi()).brands.get({ slug }).catch(() => undefined);
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title", { brand: brand?.name ?? "Sadiq" })}</h1>
        <p className="text-stone-700">{t("subtitle")}</p>
      </div>
      <div className="rounded-2xl border border-stone-300 bg-white p-5">
        <SignUpForm brandSlug={slug} />
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

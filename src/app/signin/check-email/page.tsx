import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function CheckEmailPage() {
  const t = await getTranslations("checkEmail");
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4 rounded-2xl border border-stone-300 bg-white p-6 text-center">
      <p aria-hidden="true" className="text-4xl">
        ✉️
      </p>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-stone-700">{t("body")}</p>
      <Link href="/signin" className="font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
    </div>
  );
}

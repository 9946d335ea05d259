import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallback } from "@/lib/auth-client";
import { viewerId } from "@/trpc/server";

export const dynamic = "force-dynamic";

// next-auth redirects here with ?error=…; wrong credentials and everything else get plain words.
function errorKey(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === "CredentialsSignin") return "signIn.wrong";
  if (code === "Verification") return "signIn.signInFailed";
  return "signIn.signInFailed";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await viewerId()) redirect(callbackUrl);
  const t = await getTranslations("signIn");
  const oauth = [
    process.env.GITHUB_ID && process.env.GITHUB_SECRET ? { id: "github", name: "GitHub" } : undefined,
    process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET ? { id: "google", name: "Google" } : undefined,
  ].filter((p): p is { id: string; name: string } => p !== undefined);
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("subtitle")}</p>
      </div>
      <div className="rounded-2xl border border-stone-300 bg-white p-5">
        <SignInForm
          callbackUrl={callbackUrl}
          oauth={oauth}
          initialError={errorKey(typeof params.error === "string" ? params.error : undefined)}
        />
      </div>
      <p className="text-center text-stone-700">
        {t("noAccount")}{" "}
        <Link href="/signup" className="font-semibold text-brand-700 underline underline-offset-4">
          {t("signUpInstead")}
        </Link>
      </p>
    </div>
  );
}

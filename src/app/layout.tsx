import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { SurpriseListener } from "@/components/surprises/surprise-listener";
import { TRPCReactProvider } from "@/trpc/react";
import { viewerId } from "@/trpc/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  // Absolute Open Graph image URLs (share pages) are built from the public address.
  const base = process.env.NEXTAUTH_URL;
  return { title: t("title"), description: t("description"), ...(base ? { metadataBase: new URL(base) } : {}) };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#17573c" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations();
  const signedIn = (await viewerId()) !== null;
  return (
    <html lang={locale}>
      <body className="flex min-h-dvh flex-col bg-stone-100 text-stone-900 antialiased">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
        >
          {t("nav.skip")}
        </a>
        <NextIntlClientProvider>
          <TRPCReactProvider>
            <SiteHeader signedIn={signedIn} />
            <main id="content" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">
              {signedIn ? <SurpriseListener>{children}</SurpriseListener> : children}
            </main>
            <footer className="border-t border-stone-300 px-4 py-4 text-center text-sm text-stone-700">{t("footer.tagline")}</footer>
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

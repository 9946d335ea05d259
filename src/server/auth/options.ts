import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { AuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { getDb } from "../db/client";
import { accounts, users, verificationTokens } from "../db/schema";
import { ensureMembership, requireBrand } from "../domain/accounts/members";
import { inTransaction } from "../domain/points/ledger";
import { attachReferral } from "../domain/referrals/attach";
import { currentSignUpSource } from "../domain/referrals/request";
import { env } from "../env";
import { checkPassword } from "./credentials";
import { sendMagicLink } from "./mail";

const g = globalThis as unknown as { __sadiqAuthOptions?: AuthOptions };

export function authOptions(): AuthOptions {
  if (g.__sadiqAuthOptions) return g.__sadiqAuthOptions;
  const e = env();
  const db = getDb();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials) => checkPassword(db, credentials),
    }),
    EmailProvider({
      // Unused: sendVerificationRequest below decides between SMTP and the log.
      server: e.SMTP_URL ?? "smtp://127.0.0.1:25",
      from: e.SMTP_FROM,
      maxAge: 15 * 60,
      sendVerificationRequest: ({ identifier, url }) => sendMagicLink(identifier, url),
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  }
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  g.__sadiqAuthOptions = {
    // @auth/drizzle-adapter is typed against @auth/core; next-auth v4 accepts the same shape.
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      verificationTokensTable: verificationTokens,
    } as never) as unknown as Adapter,
    providers,
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    callbacks: {
      jwt: ({ token, user }) => {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session: ({ session, token }) => {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // Sign-up by magic link or OAuth: join the default brand like a password sign-up does, and take up
      // the invite the browser carries (the auth route keeps the request for this).
      createUser: async ({ user }) => {
        const brand = await requireBrand(db, e.SADIQ_DEFAULT_BRAND);
        const name = user.name || user.email?.split("@")[0] || "member";
        const source = currentSignUpSource();
        await inTransaction(db, async (tx) => {
          await ensureMembership(tx, { userId: user.id, brandId: brand.id, name });
          if (source?.code) await attachReferral(tx, { userId: user.id, email: user.email ?? null, name, source });
        });
      },
    },
    logger: {
      error: (code, meta) => console.error(`[next-auth] ${code}`, meta instanceof Error ? meta.message : ""),
      warn: (code) => {
        if (code !== "NEXTAUTH_URL" && code !== "DEBUG_ENABLED") console.warn(`[next-auth] ${code}`);
      },
      debug: () => {},
    },
  };
  return g.__sadiqAuthOptions;
}

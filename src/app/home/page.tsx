import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { serverApi, viewerId } from "@/trpc/server";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if (!(await viewerId())) redirect("/signin?callbackUrl=/home");
  const t = await getTranslations("home");
  const format = await getFormatter();
  const me = await (await serverApi()).me.get().catch(() => undefined);
  if (!me) redirect("/signin?callbackUrl=/home");
  const first = me.memberships[0];
  const staff = first?.role === "moderator" || first?.role === "admin";
  const balance = first ? await (await serverApi()).points.balance({ brandSlug: first.brandSlug }).catch(() => undefined) : undefined;
  const cards = [
    {
      href: "/points",
      title: t("pointsCard"),
      body: balance ? t("pointsCardBalance", { count: balance.available, name: balance.tier.name }) : t("pointsCardBody"),
      icon: "⭐",
    },
    { href: "/rewards", title: t("rewardsCard"), body: t("rewardsCardBody"), icon: "🎁" },
    ...(staff ? [{ href: "/staff", title: t("staffCard"), body: t("staffCardBody"), icon: "🛠️" }] : []),
  ];
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold" data-testid="greeting">
            {t("title", { name: me.name || me.email })}
          </h1>
          <p className="text-stone-700">{t("subtitle")}</p>
        </div>
        <LiveIndicator />
      </div>
      <nav aria-label={t("shortcuts")}>
        <ul className="grid gap-3 sm:grid-cols-2">
          {cards.map((card) => (
            <li key={card.href}>
              <Link
                href={card.href}
                className="flex h-full flex-col gap-1 rounded-2xl border border-stone-300 bg-white p-4 hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                data-testid={`home-card-${card.href.slice(1)}`}
              >
                <span className="flex items-center gap-2 text-lg font-semibold text-brand-700">
                  <span aria-hidden="true">{card.icon}</span>
                  {card.title}
                </span>
                <span className="text-stone-700">{card.body}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-2xl border border-stone-300 bg-white p-4">
        <dt className="font-medium text-stone-700">{t("email")}</dt>
        <dd className="break-all" data-testid="email">
          {me.email}
        </dd>
      </dl>
      <section aria-labelledby="memberships" className="flex flex-col gap-3">
        <h2 id="memberships" className="text-lg font-bold">
          {t("memberships")}
        </h2>
        <ul className="flex flex-col gap-3">
          {me.memberships.map((m) => (
            <li key={m.brandSlug} className="rounded-2xl border border-stone-300 bg-white p-4" data-testid={`membership-${m.brandSlug}`}>
              <p className="text-lg font-semibold">{m.brandName}</p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <dt className="text-stone-700">{t("handle")}</dt>
                <dd data-testid="handle">@{m.handle}</dd>
                <dt className="text-stone-700">{t("role")}</dt>
                <dd data-testid="role">{t(`roles.${m.role}`)}</dd>
                <dt className="text-stone-700">{t("joined")}</dt>
                <dd>{format.dateTime(m.joinedAt, { dateStyle: "medium" })}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NoCommunity } from "@/components/points/no-community";
import { HabitsPrivacy } from "@/components/quests/habits-privacy";
import { TimeZoneSync } from "@/components/quests/time-zone-sync";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

/** Every zone this server accepts, labelled with its offset now, so members can find theirs. */
function zoneOptions(now: Date) {
  const zones = Intl.supportedValuesOf("timeZone");
  if (!zones.includes("UTC")) zones.push("UTC");
  return zones.map((zone) => {
    const offset =
      new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
        .formatToParts(now)
        .find((p) => p.type === "timeZoneName")?.value ?? "";
    return { value: zone, label: `${zone.replaceAll("_", " ")} (${offset})` };
  });
}

export default async function HabitsPrivacyPage() {
  const { api, me, membership } = await memberContext("/quests/privacy");
  const t = await getTranslations("habitsPrivacy");
  if (!membership) return <NoCommunity title={t("title")} />;
  const brandSlug = membership.brandSlug;
  const consent = await api.habits.consentStatus({ brandSlug });
  return (
    <div className="flex flex-col gap-6">
      <Link href="/quests" className="self-start rounded font-semibold text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro", { brand: membership.brandName })}</p>
      </div>
      <HabitsPrivacy brandSlug={brandSlug} initialConsent={consent} initialTimeZone={me.timeZone} zones={zoneOptions(new Date())} />
      <TimeZoneSync timeZone={me.timeZone} />
    </div>
  );
}

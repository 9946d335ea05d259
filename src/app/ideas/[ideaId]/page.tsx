import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { IdeaView } from "@/components/ideas/idea-view";
import { PointsLiveToast } from "@/components/points/live";
import { NoCommunity } from "@/components/points/no-community";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

const ideaParam = z.uuid();

export default async function IdeaPage({ params }: { params: Promise<{ ideaId: string }> }) {
  const { ideaId } = await params;
  const id = ideaParam.safeParse(ideaId);
  const { api, membership } = await memberContext(`/ideas/${encodeURIComponent(ideaId)}`);
  const t = await getTranslations("ideasUi");
  if (!membership) return <NoCommunity title={t("list.title")} />;
  if (!id.success) notFound();
  const brandSlug = membership.brandSlug;
  const idea = await api.ideas.get({ brandSlug, ideaId: id.data }).catch((err: unknown) => {
    // Hidden, waiting and other brands' ideas all answer NOT_FOUND, and look the same here.
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    throw err;
  });
  if (!idea) notFound();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href="/ideas" className="min-h-11 content-center font-semibold text-brand-700 underline underline-offset-4">
          {t("idea.back")}
        </Link>
        <LiveIndicator />
      </div>
      <IdeaView brandSlug={brandSlug} initial={idea} />
      <PointsLiveToast />
    </div>
  );
}

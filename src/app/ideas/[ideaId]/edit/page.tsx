import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { IdeaForm } from "@/components/ideas/idea-form";
import { NoCommunity } from "@/components/points/no-community";
import { memberContext } from "@/lib/member-context";

export const dynamic = "force-dynamic";

const ideaParam = z.uuid();

export default async function EditIdeaPage({ params }: { params: Promise<{ ideaId: string }> }) {
  const { ideaId } = await params;
  const id = ideaParam.safeParse(ideaId);
  const { api, membership } = await memberContext(`/ideas/${encodeURIComponent(ideaId)}/edit`);
  const t = await getTranslations("ideasUi.edit");
  if (!membership) return <NoCommunity title={t("heading")} />;
  if (!id.success) notFound();
  const idea = await api.ideas.get({ brandSlug: membership.brandSlug, ideaId: id.data }).catch((err: unknown) => {
    // Hidden, waiting and other brands' ideas all answer NOT_FOUND, as on the idea page.
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    throw err;
  });
  if (!idea) notFound();
  return (
    <div className="flex flex-col gap-4">
      <Link href={`/ideas/${idea.id}`} className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("heading")}</h1>
      {idea.can.edit ? (
        <IdeaForm brandSlug={membership.brandSlug} edit={{ ideaId: idea.id, title: idea.title, body: idea.body, tags: idea.tags }} />
      ) : (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="cannot-edit">
          {t("cannotEdit")}
        </p>
      )}
    </div>
  );
}

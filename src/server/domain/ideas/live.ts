import type { IdeaUpdated } from "@/lib/ideas/types";
import type { Tx } from "../../db/client";
import { emitEvent } from "../events/outbox";
import type { IdeaRow } from "./access";

/**
 * Tells every page showing the idea (its own page, the list, the roadmap) what changed, through the
 * outbox on the brand topic. Only counts and status travel, never text, so a waiting or hidden idea is
 * announced only as `removed` (lists drop it) and nothing of it leaks.
 */
export async function announceIdea(tx: Tx, idea: IdeaRow, opts: { wasVisible?: boolean } = {}): Promise<void> {
  const visible = idea.state === "published";
  if (!visible && !opts.wasVisible) return;
  const payload: Omit<IdeaUpdated, "seq"> = {
    brandId: idea.brandId,
    ideaId: idea.id,
    voteCount: idea.voteCount,
    commentCount: idea.commentCount,
    status: idea.status,
    mergedIntoId: idea.mergedIntoId,
    ...(visible ? {} : { removed: true }),
  };
  await emitEvent(tx, `brand:${idea.brandId}`, "idea:updated", payload);
}

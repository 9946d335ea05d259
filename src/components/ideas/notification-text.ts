import type { NotificationItem } from "@/lib/ideas/types";
import { IDEA_STATUSES, type IdeaStatus } from "@/lib/validation/ideas";

type T = (key: string, values?: Record<string, string | number>) => string;

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const status = (v: unknown) => (IDEA_STATUSES.includes(v as IdeaStatus) ? (v as IdeaStatus) : null);

/**
 * The sentence a member reads for a notice, from its kind and payload. Payload fields are read defensively:
 * an older or unexpected payload falls back to a sentence that needs only the idea's title.
 */
export function notificationText(t: T, n: Pick<NotificationItem, "kind" | "ideaTitle" | "payload">): string {
  const title = n.ideaTitle ?? t("ideasUi.notifications.anIdea");
  const p = n.payload;
  switch (n.kind) {
    case "idea.status": {
      const to = status(p.to) ?? status(p.status);
      return to
        ? t("ideasUi.notifications.status", { title, status: t(`ideasUi.status.${to}`) })
        : t("ideasUi.notifications.statusAny", { title });
    }
    case "idea.comment":
      return t("ideasUi.notifications.comment", { title });
    case "idea.merged": {
      const into = str(p.intoTitle);
      return into ? t("ideasUi.notifications.mergedInto", { title, into }) : t("ideasUi.notifications.merged", { title });
    }
    case "idea.moderated": {
      const action = str(p.action);
      return action && ["approve", "reject", "hide", "unhide"].includes(action)
        ? t(`ideasUi.notifications.moderated.${action}`, { title })
        : t("ideasUi.notifications.moderated.other", { title });
    }
    case "idea.payoff": {
      const points = num(p.points) ?? num(p.amount);
      return points !== null
        ? t("ideasUi.notifications.payoff", { title, count: points })
        : t("ideasUi.notifications.payoffAny", { title });
    }
    default:
      return t("ideasUi.notifications.other", { title });
  }
}

/** Why staff rejected or hid something, or the note of a status change, when the notice carries one. */
export function notificationNote(n: Pick<NotificationItem, "payload">): string | null {
  return str(n.payload.reason) ?? str(n.payload.note);
}

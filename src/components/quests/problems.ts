import type { MemberQuest } from "./types";

/** Why a check-in or undo did not go through, as the card shows it. */
export interface Problem {
  /** A translation key (from the server, or one of ours). */
  key: string;
  /** For "already done" refusals: when the next check-in opens (ISO). */
  nextAt?: string;
  /** Evidence field ("value", "link", "photoId") → translation key. */
  fields: Record<string, string>;
}

interface ServerError {
  message?: string;
  data?: { fields?: Record<string, string> | null } | null;
}

/** Reads a tRPC error: its message is a key, `nextAt` is a time rather than a field message. */
export function readProblem(err: unknown): Problem {
  const e = err as ServerError | undefined;
  const { nextAt, ...fields } = e?.data?.fields ?? {};
  // A fetch that never reached the server has no tRPC shape.
  const offline = !e?.data && (e?.message === "Failed to fetch" || e?.message?.includes("NetworkError"));
  const key = offline ? "errors.network" : (e?.message ?? "errors.internal");
  return { key, fields, ...(nextAt ? { nextAt } : {}) };
}

/** Refusals we word ourselves, so the reply can say when the quest opens again. */
export function refusalKey(key: string, quest: Pick<MemberQuest, "cadence">): string | undefined {
  switch (key) {
    case "quests.alreadyThisPeriod":
      if (quest.cadence === "daily" || quest.cadence === "times_per_week") return "questsUi.errors.alreadyToday";
      if (quest.cadence === "weekly") return "questsUi.errors.alreadyThisWeek";
      return "questsUi.errors.alreadyThisPeriod";
    case "quests.alreadyDone":
      return "questsUi.errors.alreadyDone";
    case "quests.weekComplete":
      return "questsUi.errors.weekComplete";
    case "quests.undoExpired":
      return "questsUi.errors.undoExpired";
    case "quests.consentRequired":
      return "questsUi.errors.consentRequired";
    default:
      return undefined;
  }
}

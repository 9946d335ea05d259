"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { newKey } from "@/components/points/idempotency";
import { useTRPC } from "@/trpc/react";
import { type Problem, readProblem } from "./problems";
import type { Completion, Evidence, MemberQuest } from "./types";

/** What the member is told after a check-in or an undo. */
export interface Feedback {
  id: number;
  questId: string;
  kind: "checkIn" | "undo";
  points: number;
  bonus: number;
  capped: boolean;
  milestone: number | null;
  /** The member's first completion of this quest. */
  first: boolean;
  /** Points wait for staff approval. */
  pending: boolean;
}

type Live = Pick<MemberQuest, "doneThisPeriod" | "nextAt" | "progress" | "streak" | "pointsThisMonth">;
const live = (q: MemberQuest): Live => ({
  doneThisPeriod: q.doneThisPeriod,
  nextAt: q.nextAt,
  progress: q.progress,
  streak: q.streak,
  pointsThisMonth: q.pointsThisMonth,
});

let feedbackId = 0;

/**
 * Check-ins and undos with instant feedback: the quest flips on screen at once (in the list and on its
 * own page), then settles with the server's answer, or rolls back and says why. Health habits ask for
 * consent first. One idempotency key per attempt, so a retry after a lost answer never checks in twice.
 */
export function useQuestActions(brandSlug: string, options: { health: boolean }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const consent = useQuery(trpc.habits.consentStatus.queryOptions({ brandSlug }, { enabled: options.health }));
  const checkInMutation = useMutation(trpc.quests.checkIn.mutationOptions());
  const undoMutation = useMutation(trpc.quests.undoCheckIn.mutationOptions());
  const grantMutation = useMutation(trpc.habits.grantConsent.mutationOptions());
  const keys = useRef(new Map<string, { key: string; payload: string }>());

  const [busy, setBusy] = useState<Record<string, "checkIn" | "undo" | undefined>>({});
  const [problems, setProblems] = useState<Record<string, Problem | undefined>>({});
  const [recent, setRecent] = useState<Record<string, Completion | undefined>>({});
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [consentFor, setConsentFor] = useState<{ quest: MemberQuest; evidence: Evidence } | null>(null);
  const [consentProblem, setConsentProblem] = useState<string>();

  const listKey = trpc.quests.list.queryKey({ brandSlug });

  /** Applies a change to the quest wherever it is cached: the list and its own page. */
  const patch = useCallback(
    (questId: string, change: (q: MemberQuest) => Partial<MemberQuest>) => {
      queryClient.setQueryData(listKey, (old) =>
        old ? { ...old, quests: old.quests.map((q) => (q.id === questId ? { ...q, ...change(q) } : q)) } : old,
      );
      queryClient.setQueryData(trpc.quests.get.queryKey({ brandSlug, questId }), (old) => (old ? { ...old, ...change(old) } : old));
    },
    [queryClient, listKey, trpc, brandSlug],
  );

  const settle = useCallback(() => {
    void queryClient.invalidateQueries(trpc.quests.pathFilter());
    void queryClient.invalidateQueries(trpc.streaks.pathFilter());
    void queryClient.invalidateQueries(trpc.points.pathFilter());
  }, [queryClient, trpc]);

  const setBusyFor = (questId: string, value: "checkIn" | "undo" | undefined) => setBusy((b) => ({ ...b, [questId]: value }));
  const setProblemFor = (questId: string, value: Problem | undefined) => setProblems((p) => ({ ...p, [questId]: value }));

  function keyFor(questId: string, payload: unknown): string {
    const p = JSON.stringify(payload);
    const held = keys.current.get(questId);
    if (held && held.payload === p) return held.key;
    const key = newKey();
    keys.current.set(questId, { key, payload: p });
    return key;
  }

  async function upload(file: File): Promise<string | Problem> {
    const body = new FormData();
    body.set("brandSlug", brandSlug);
    body.set("purpose", "evidence");
    body.set("file", file);
    try {
      const res = await fetch("/api/uploads", { method: "POST", body, credentials: "same-origin" });
      const json = (await res.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
      if (res.ok && json?.id) return json.id;
      const said = json?.error?.message;
      return { key: said && t.has(said as never) ? said : "questsUi.errors.upload", fields: {} };
    } catch {
      return { key: "errors.network", fields: {} };
    }
  }

  async function run(quest: MemberQuest, evidence: Evidence) {
    setBusyFor(quest.id, "checkIn");
    setProblemFor(quest.id, undefined);
    let photoId: string | undefined;
    if (evidence.photo) {
      const uploaded = await upload(evidence.photo);
      if (typeof uploaded !== "string") {
        setProblemFor(quest.id, uploaded);
        setBusyFor(quest.id, undefined);
        return;
      }
      photoId = uploaded;
    }
    const fields = {
      ...(evidence.value ? { value: evidence.value } : {}),
      ...(evidence.link ? { link: evidence.link } : {}),
      ...(photoId ? { photoId } : {}),
    };
    const idempotencyKey = keyFor(quest.id, fields);
    const before = live(quest);
    const first = quest.streak ? quest.streak.best === 0 && quest.progress.done === 0 : quest.progress.done === 0;
    await queryClient.cancelQueries(trpc.quests.pathFilter());
    patch(quest.id, (q) => ({
      doneThisPeriod: true,
      nextAt: null,
      progress: { done: Math.min(q.progress.target, q.progress.done + 1), target: q.progress.target },
    }));
    try {
      const result = await checkInMutation.mutateAsync({ brandSlug, questId: quest.id, idempotencyKey, ...fields });
      keys.current.delete(quest.id);
      const streak = result.streak;
      patch(quest.id, (q) => ({
        progress: streak ? { done: streak.done, target: streak.target } : q.progress,
        streak: streak ? { current: streak.current, best: streak.best, freezes: streak.freezes } : q.streak,
      }));
      setRecent((r) => ({ ...r, [quest.id]: result.completion }));
      feedbackId += 1;
      setFeedback({
        id: feedbackId,
        questId: quest.id,
        kind: "checkIn",
        points: result.points,
        bonus: result.bonus,
        capped: result.capped,
        milestone: result.milestone,
        first,
        pending: result.completion.state === "pending",
      });
    } catch (err) {
      patch(quest.id, () => before);
      const problem = readProblem(err);
      // Only a request that may not have arrived keeps its key, so its retry cannot count twice.
      if (problem.key !== "errors.network") keys.current.delete(quest.id);
      if (problem.key === "quests.consentRequired") {
        setConsentFor({ quest, evidence });
        void queryClient.invalidateQueries(trpc.habits.consentStatus.pathFilter());
      } else {
        setProblemFor(quest.id, problem);
      }
    } finally {
      setBusyFor(quest.id, undefined);
      settle();
    }
  }

  function checkIn(quest: MemberQuest, evidence: Evidence) {
    setFeedback(null);
    if (quest.health && consent.data?.consent === false) {
      setConsentProblem(undefined);
      setConsentFor({ quest, evidence });
      return;
    }
    void run(quest, evidence);
  }

  async function agree() {
    const pending = consentFor;
    setConsentProblem(undefined);
    try {
      const granted = await grantMutation.mutateAsync({ brandSlug });
      queryClient.setQueryData(trpc.habits.consentStatus.queryKey({ brandSlug }), granted);
    } catch (err) {
      setConsentProblem(readProblem(err).key);
      return;
    }
    setConsentFor(null);
    if (pending) void run(pending.quest, pending.evidence);
  }

  function notNow() {
    setConsentFor(null);
    setConsentProblem(undefined);
  }

  async function undo(quest: MemberQuest, completionId: string) {
    setBusyFor(quest.id, "undo");
    setProblemFor(quest.id, undefined);
    setFeedback(null);
    const before = live(quest);
    await queryClient.cancelQueries(trpc.quests.pathFilter());
    patch(quest.id, (q) => ({
      doneThisPeriod: false,
      nextAt: null,
      progress: { done: Math.max(0, q.progress.done - 1), target: q.progress.target },
    }));
    try {
      const { completion } = await undoMutation.mutateAsync({ brandSlug, completionId });
      setRecent((r) => ({ ...r, [quest.id]: undefined }));
      feedbackId += 1;
      setFeedback({
        id: feedbackId,
        questId: quest.id,
        kind: "undo",
        points: completion.points,
        bonus: 0,
        capped: false,
        milestone: null,
        first: false,
        pending: false,
      });
    } catch (err) {
      patch(quest.id, () => before);
      setProblemFor(quest.id, readProblem(err));
    } finally {
      setBusyFor(quest.id, undefined);
      settle();
    }
  }

  return {
    busy,
    problems,
    recent,
    feedback,
    dismissFeedback: () => setFeedback(null),
    checkIn,
    undo,
    consent: {
      open: consentFor !== null,
      busy: grantMutation.isPending,
      problem: consentProblem,
      agree: () => void agree(),
      notNow,
    },
  };
}

export type QuestActions = ReturnType<typeof useQuestActions>;

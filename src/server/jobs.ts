import { sql } from "drizzle-orm";
import { sendPlainMail } from "./auth/mail";
import type { DbHandle } from "./db/client";
import { sendNotificationMail } from "./domain/ideas/notify";
import { runLeagueJobs } from "./domain/leagues/reset";
import { runPointsJobs } from "./domain/points/jobs";
import { autoApproveDue } from "./domain/referrals/payout";
import { commitSeeds } from "./domain/surprises/seeds";

const MINUTE = 60_000;

interface Job {
  /** Named in the log line of a failure. */
  label: string;
  everyMs: number;
  /** The first run, when it should come before `everyMs` has passed. */
  firstAfterMs?: number;
  /** Does the work; what it returns (if anything) is logged. */
  work: (handle: DbHandle) => Promise<string | null>;
}

const JOBS: Job[] = [
  {
    label: "points job",
    everyMs: 15 * MINUTE,
    firstAfterMs: 30_000,
    work: async (handle) => {
      const report = await runPointsJobs(handle.db);
      for (const w of report.warned) {
        await sendPlainMail(
          w.email,
          "Your Sadiq points are about to expire",
          `${w.amount} of your points will expire on ${w.on.toISOString().slice(0, 10)}. Complete a quest or redeem a reward before then to keep them.`,
        ).catch((err: Error) => console.error(`[jobs] expiry warning mail failed: ${err.message}`));
      }
      await handle.db.execute(sql`delete from events where created_at < now() - interval '7 days'`);
      if (!report.vested && !report.expired && !report.warned.length) return null;
      return `vested ${report.vested}, expired ${report.expired}, warned ${report.warned.length}`;
    },
  },
  {
    // Today's and tomorrow's commitments exist before the day's first draw needs them.
    label: "surprise seeds",
    everyMs: 15 * MINUTE,
    firstAfterMs: 30_000,
    work: async (handle) => {
      await commitSeeds(handle.db);
      return null;
    },
  },
  {
    // Weekly league resets are due at the brand's local Monday midnight: looked for every minute.
    label: "league reset",
    everyMs: MINUTE,
    work: async (handle) => {
      const r = await runLeagueJobs(handle.db);
      return r.settled ? `settled ${r.settled} league week(s)` : null;
    },
  },
  {
    // E-mail copies of idea notices go out within 20 seconds (only when SMTP is configured).
    label: "notice mail",
    everyMs: 20_000,
    work: async (handle) => {
      const n = await sendNotificationMail(handle.db);
      return n ? `mailed ${n} idea notice(s)` : null;
    },
  },
  {
    // Held referrals whose hold ran out are approved within a minute.
    label: "referral auto-approve",
    everyMs: MINUTE,
    work: async (handle) => {
      const n = await autoApproveDue(handle.db);
      return n ? `auto-approved ${n} held referral(s)` : null;
    },
  },
];

/**
 * Runs the scheduled work inside the server. Every job is idempotent, so several servers may run
 * it at once (the expiry warning goes out by e-mail only from the run that recorded the notice); within
 * one server a job never overlaps itself: a tick that finds the last run still going is skipped.
 */
export function startJobs(handle: DbHandle): { stop: () => Promise<void> } {
  const runs = JOBS.map((job) => {
    let running: Promise<void> | null = null;
    const run = () => {
      if (running) return;
      running = job
        .work(handle)
        .then((line) => {
          if (line) console.log(`[jobs] ${line}`);
        })
        .catch((err: Error) => console.error(`[jobs] ${job.label} failed: ${err.message}`))
        .finally(() => {
          running = null;
        });
    };
    const timers = [setInterval(run, job.everyMs)];
    if (job.firstAfterMs !== undefined) timers.push(setTimeout(run, job.firstAfterMs));
    for (const t of timers) t.unref();
    return {
      stop: async () => {
        for (const t of timers) clearTimeout(t);
        if (running) await running;
      },
    };
  });
  return {
    stop: async () => {
      await Promise.all(runs.map((r) => r.stop()));
    },
  };
}

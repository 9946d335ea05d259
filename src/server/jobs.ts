import { sql } from "drizzle-orm";
import { sendPlainMail } from "./auth/mail";
import type { DbHandle } from "./db/client";
import { sendNotificationMail } from "./domain/ideas/notify";
import { runLeagueJobs } from "./domain/leagues/reset";
import { runPointsJobs } from "./domain/points/jobs";
import { autoApproveDue } from "./domain/referrals/payout";
import { commitSeeds } from "./domain/surprises/seeds";

const EVERY_MS = 15 * 60_000;
const FIRST_AFTER_MS = 30_000;
/** Weekly league resets are due at the brand's local Monday midnight: looked for every minute. */
const LEAGUES_EVERY_MS = 60_000;
/** E-mail copies of idea notices go out within 20 seconds (only when SMTP is configured). */
const NOTICES_EVERY_MS = 20_000;
/** Held referrals whose hold ran out are approved within a minute. */
const REFERRALS_EVERY_MS = 60_000;

/**
 * Runs the scheduled work inside the server. Every job is idempotent, so several servers may run
 * it at once; the expiry warning goes out by e-mail only from the run that recorded the notice.
 */
export function startJobs(handle: DbHandle): { stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = (async () => {
      try {
        const report = await runPointsJobs(handle.db);
        for (const w of report.warned) {
          await sendPlainMail(
            w.email,
            "Your Sadiq points are about to expire",
            `${w.amount} of your points will expire on ${w.on.toISOString().slice(0, 10)}. Complete a quest or redeem a reward before then to keep them.`,
          ).catch((err: Error) => console.error(`[jobs] expiry warning mail failed: ${err.message}`));
        }
        await handle.db.execute(sql`delete from events where created_at < now() - interval '7 days'`);
        await commitSeeds(handle.db);
        if (report.vested || report.expired || report.warned.length) {
          console.log(`[jobs] vested ${report.vested}, expired ${report.expired}, warned ${report.warned.length}`);
        }
      } catch (err) {
        console.error(`[jobs] points job failed: ${(err as Error).message}`);
      } finally {
        running = null;
      }
    })();
  };
  let leagues: Promise<void> | null = null;
  const runLeagues = () => {
    if (leagues) return;
    leagues = runLeagueJobs(handle.db)
      .then((r) => {
        if (r.settled) console.log(`[jobs] settled ${r.settled} league week(s)`);
      })
      .catch((err: Error) => console.error(`[jobs] league reset failed: ${err.message}`))
      .finally(() => {
        leagues = null;
      });
  };
  let mailing: Promise<void> | null = null;
  const runMail = () => {
    if (mailing) return;
    mailing = sendNotificationMail(handle.db)
      .then((n) => {
        if (n) console.log(`[jobs] mailed ${n} idea notice(s)`);
      })
      .catch((err: Error) => console.error(`[jobs] notice mail failed: ${err.message}`))
      .finally(() => {
        mailing = null;
      });
  };
  let referrals: Promise<void> | null = null;
  const runReferrals = () => {
    if (referrals) return;
    referrals = autoApproveDue(handle.db)
      .then((n) => {
        if (n) console.log(`[jobs] auto-approved ${n} held referral(s)`);
      })
      .catch((err: Error) => console.error(`[jobs] referral auto-approve failed: ${err.message}`))
      .finally(() => {
        referrals = null;
      });
  };
  const first = setTimeout(run, FIRST_AFTER_MS);
  const timer = setInterval(run, EVERY_MS);
  const leagueTimer = setInterval(runLeagues, LEAGUES_EVERY_MS);
  const mailTimer = setInterval(runMail, NOTICES_EVERY_MS);
  const referralTimer = setInterval(runReferrals, REFERRALS_EVERY_MS);
  first.unref();
  timer.unref();
  leagueTimer.unref();
  mailTimer.unref();
  referralTimer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      clearInterval(leagueTimer);
      clearInterval(mailTimer);
      clearInterval(referralTimer);
      if (running) await running;
      if (leagues) await leagues;
      if (mailing) await mailing;
      if (referrals) await referrals;
    },
  };
}

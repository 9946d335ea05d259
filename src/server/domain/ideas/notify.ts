import { and, count, desc, eq, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { NotificationItem } from "@/lib/ideas/types";
import type { muteInput, notificationsInput } from "@/lib/validation/ideas";
import { mailConfigured, sendPlainMail } from "../../auth/mail";
import { type Db, rowsOf, type Tx } from "../../db/client";
import { ideaMutes, ideas, notifications } from "../../db/schema";
import { env } from "../../env";
import { emitEachTopic } from "../events/outbox";
import { inTransaction } from "../points/ledger";
import { type IdeaMember, type IdeaRow, visibleIdea } from "./access";
import { notificationMail } from "./mail-text";

type Kind = NotificationItem["kind"];

/** E-mails go out for notices at most this old: a server that was down for days does not flood inboxes. */
const MAIL_WINDOW = "2 days";
const MAIL_BATCH = 200;

interface Notice {
  idea: IdeaRow;
  kind: Kind;
  payload: Record<string, unknown>;
  dedupeKey: string;
  actorUserId: string | null;
  now?: Date;
}

/**
 * Writes one notice per recipient (a query yielding `member_id`) in a single INSERT … SELECT, skipping
 * the actor and members who muted this idea or all ideas; the dedupe key makes a replay write nothing.
 * Each new row is announced to its member's user room.
 */
async function insertNotices(tx: Tx, n: Notice, recipients: SQL): Promise<number> {
  const { idea, kind } = n;
  const created = rowsOf<{ id: number | string; user_id: string }>(
    await tx.execute(sql`
      with recipients as (${recipients}), ins as (
        insert into notifications (brand_id, member_id, kind, idea_id, payload, dedupe_key, created_at)
        select ${idea.brandId}::uuid, m.id, ${kind}, ${idea.id}::uuid, ${JSON.stringify(n.payload)}::jsonb, ${n.dedupeKey},
          ${(n.now ?? new Date()).toISOString()}::timestamptz
        from (select distinct member_id from recipients) r
        join memberships m on m.id = r.member_id and m.brand_id = ${idea.brandId}::uuid
        where m.user_id is distinct from ${n.actorUserId}::uuid
          and not exists (
            select 1 from idea_mutes mu where mu.member_id = m.id and (mu.idea_id = ${idea.id}::uuid or mu.idea_id is null)
          )
        on conflict do nothing
        returning id, member_id
      )
      select ins.id, m.user_id from ins join memberships m on m.id = ins.member_id`),
  );
  await emitEachTopic(
    tx,
    "notification:new",
    created.map((row) => ({ topic: `user:${row.user_id}`, payload: { brandId: idea.brandId, id: Number(row.id), kind, ideaId: idea.id } })),
  );
  return created.length;
}

/**
 * Notifies the idea's author, voters and commenters (published, not deleted comments), each once.
 * A popular idea has thousands of voters, hence one statement for all rows. Returns how many were notified.
 */
export function notifyIdea(tx: Tx, n: Notice): Promise<number> {
  return insertNotices(
    tx,
    n,
    sql`select ${n.idea.authorId}::uuid as member_id
      union select v.member_id from idea_votes v where v.idea_id = ${n.idea.id}::uuid
      union select c.author_id from idea_comments c
        where c.idea_id = ${n.idea.id}::uuid and c.state = 'published' and c.deleted_at is null`,
  );
}

/** A notice to one member about their own content (a moderation decision); mutes apply here too. */
export async function notifyMember(tx: Tx, n: Notice & { memberId: string }): Promise<boolean> {
  return (await insertNotices(tx, n, sql`select ${n.memberId}::uuid as member_id`)) > 0;
}

/** Mutes or unmutes one idea (`ideaId`) or every idea notice of the brand; repeating it changes nothing. */
export async function muteIdeas(db: Db, member: IdeaMember, input: z.infer<typeof muteInput>): Promise<{ muted: boolean; all: boolean }> {
  return inTransaction(db, async (tx) => {
    const ideaId = input.ideaId ?? null;
    if (ideaId) await visibleIdea(tx, { ...member }, ideaId);
    const target = ideaId ? eq(ideaMutes.ideaId, ideaId) : isNull(ideaMutes.ideaId);
    if (input.muted) await tx.insert(ideaMutes).values({ memberId: member.memberId, ideaId }).onConflictDoNothing();
    else await tx.delete(ideaMutes).where(and(eq(ideaMutes.memberId, member.memberId), target));
    const rows = await tx
      .select({ ideaId: ideaMutes.ideaId })
      .from(ideaMutes)
      .where(
        and(
          eq(ideaMutes.memberId, member.memberId),
          ideaId ? or(eq(ideaMutes.ideaId, ideaId), isNull(ideaMutes.ideaId)) : isNull(ideaMutes.ideaId),
        ),
      );
    const all = rows.some((r) => r.ideaId === null);
    return { muted: ideaId ? rows.some((r) => r.ideaId === ideaId) : all, all };
  });
}

export async function listNotifications(
  db: Db,
  member: IdeaMember,
  input: z.infer<typeof notificationsInput>,
): Promise<{ items: NotificationItem[]; nextCursor: number | null; unread: number; mutedAll: boolean }> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      ideaId: notifications.ideaId,
      ideaTitle: ideas.title,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(ideas, eq(ideas.id, notifications.ideaId))
    .where(and(eq(notifications.memberId, member.memberId), input.cursor ? lt(notifications.id, input.cursor) : undefined))
    .orderBy(desc(notifications.id))
    .limit(input.limit + 1);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.memberId, member.memberId), isNull(notifications.readAt)));
  const [mute] = await db
    .select({ id: ideaMutes.id })
    .from(ideaMutes)
    .where(and(eq(ideaMutes.memberId, member.memberId), isNull(ideaMutes.ideaId)));
  const page = rows.slice(0, input.limit);
  return {
    mutedAll: mute !== undefined,
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind as Kind,
      ideaId: r.ideaId,
      ideaTitle: r.ideaTitle,
      payload: (r.payload ?? {}) as Record<string, unknown>,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    unread: Number(unread?.n ?? 0),
  };
}

/** Marks the member's notices read, up to and including `upTo` (all of them without it). */
export async function readNotifications(
  db: Db,
  member: IdeaMember,
  input: { upTo?: number | undefined },
  now = new Date(),
): Promise<{ read: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.memberId, member.memberId),
        isNull(notifications.readAt),
        input.upTo !== undefined ? lte(notifications.id, input.upTo) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { read: rows.length };
}

interface Claimed {
  id: number | string;
  kind: string;
  idea_id: string | null;
  payload: Record<string, unknown> | string | null;
  email: string;
  title: string | null;
}

/**
 * The e-mail job: claims up to 200 unsent notices of the last two days whose member has an address and
 * sends them. Claiming (setting `emailed_at`) and picking happen in one statement with SKIP LOCKED, so
 * servers running the job at once never send a notice twice; a send that fails is logged, not retried
 * (at most once: a duplicate e-mail is worse than a missed copy of an in-app notice). Without SMTP it
 * does nothing and leaves the notices unclaimed. Returns how many e-mails were sent.
 */
export async function sendNotificationMail(db: Db, now = new Date()): Promise<number> {
  if (!mailConfigured()) return 0;
  const at = now.toISOString();
  const claimed = rowsOf<Claimed>(
    await db.execute(sql`
      with picked as (
        select n.id from notifications n
        join memberships m on m.id = n.member_id
        join users u on u.id = m.user_id
        where n.emailed_at is null
          and n.created_at > ${at}::timestamptz - ${MAIL_WINDOW}::interval
          and n.created_at <= ${at}::timestamptz
          and position('@' in u.email) > 1
        order by n.id
        limit ${MAIL_BATCH}
        for update of n skip locked
      ), sent as (
        update notifications n set emailed_at = ${at}::timestamptz
        from picked where n.id = picked.id
        returning n.id, n.member_id, n.kind, n.idea_id, n.payload
      )
      select sent.id, sent.kind, sent.idea_id, sent.payload, u.email, i.title
      from sent
      join memberships m on m.id = sent.member_id
      join users u on u.id = m.user_id
      left join ideas i on i.id = sent.idea_id
      order by sent.id`),
  );
  // No locale is stored per user, so every copy is in English (mail-text has all four for when it is).
  const baseUrl = env().NEXTAUTH_URL ?? "http://localhost:3000";
  let sent = 0;
  for (const n of claimed) {
    const payload = (typeof n.payload === "string" ? JSON.parse(n.payload) : (n.payload ?? {})) as Record<string, unknown>;
    const mail = notificationMail({ kind: n.kind, ideaId: n.idea_id, ideaTitle: n.title, payload }, null, baseUrl);
    try {
      await sendPlainMail(n.email, mail.subject, mail.text);
      sent += 1;
    } catch (err) {
      console.error(`[jobs] notification mail ${n.id} failed: ${(err as Error).message}`);
    }
  }
  return sent;
}

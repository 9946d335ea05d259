import type { z } from "zod";
import type { NotificationItem } from "@/lib/ideas/types";
import type { muteInput, notificationsInput } from "@/lib/validation/ideas";
import type { Db } from "../../db/client";
import type { IdeaMember } from "./access";

const todo = (): never => {
  throw new Error("not implemented");
};
export async function muteIdeas(
  _db: Db,
  _member: IdeaMember,
  _input: z.infer<typeof muteInput>,
): Promise<{ muted: boolean; all: boolean }> {
  return todo();
}
export async function listNotifications(
  _db: Db,
  _member: IdeaMember,
  _input: z.infer<typeof notificationsInput>,
): Promise<{ items: NotificationItem[]; nextCursor: number | null; unread: number }> {
  return todo();
}
export async function readNotifications(_db: Db, _member: IdeaMember, _input: { upTo?: number | undefined }): Promise<{ read: number }> {
  return todo();
}

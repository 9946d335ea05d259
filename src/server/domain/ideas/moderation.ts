import type { z } from "zod";
import type { QueueItem } from "@/lib/ideas/types";
import type { flagInput, moderateInput, queueInput } from "@/lib/validation/ideas";
import type { Db } from "../../db/client";
import type { IdeaMember, IdeaStaff } from "./access";

const todo = (): never => {
  throw new Error("not implemented");
};
export async function flagContent(
  _db: Db,
  _member: IdeaMember,
  _input: z.infer<typeof flagInput>,
  _now = new Date(),
): Promise<{ flagged: true; already: boolean }> {
  return todo();
}
export async function moderationQueue(
  _db: Db,
  _staff: IdeaStaff,
  _input: z.infer<typeof queueInput>,
): Promise<{ items: QueueItem[]; nextCursor: number | null }> {
  return todo();
}
export async function moderate(
  _db: Db,
  _staff: IdeaStaff,
  _input: z.infer<typeof moderateInput>,
  _now = new Date(),
): Promise<{ changed: boolean; state: string; paid: number }> {
  return todo();
}

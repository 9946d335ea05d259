import type { z } from "zod";
import type { IdeaComment } from "@/lib/ideas/types";
import type { commentInput, editCommentInput } from "@/lib/validation/ideas";
import type { Db } from "../../db/client";
import type { IdeaMember } from "./access";

const todo = (): never => {
  throw new Error("not implemented");
};
export async function addComment(
  _db: Db,
  _member: IdeaMember,
  _input: z.infer<typeof commentInput>,
  _now = new Date(),
): Promise<IdeaComment> {
  return todo();
}
export async function editComment(
  _db: Db,
  _member: IdeaMember,
  _input: z.infer<typeof editCommentInput>,
  _now = new Date(),
): Promise<IdeaComment> {
  return todo();
}
export async function deleteComment(
  _db: Db,
  _actor: IdeaMember,
  _commentId: string,
  _now = new Date(),
): Promise<{ id: string; deleted: true }> {
  return todo();
}

import type { Db } from "../../db/client";
import type { IdeaStaff } from "./access";

const todo = (): never => {
  throw new Error("not implemented");
};
export async function mergeIdeas(
  _db: Db,
  _staff: IdeaStaff,
  _input: { ideaId: string; intoId: string },
  _now = new Date(),
): Promise<{ moved: number; alreadyVoted: number; voteCount: number }> {
  return todo();
}
export async function unmergeIdea(
  _db: Db,
  _staff: IdeaStaff,
  _input: { ideaId: string },
  _now = new Date(),
): Promise<{ removed: number; voteCount: number }> {
  return todo();
}

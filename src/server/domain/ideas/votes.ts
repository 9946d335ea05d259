import type { VoteResult } from "@/lib/ideas/types";
import type { Db } from "../../db/client";
import type { IdeaMember } from "./access";

const todo = (): never => {
  throw new Error("not implemented");
};
export async function voteIdea(_db: Db, _member: IdeaMember, _ideaId: string, _now = new Date()): Promise<VoteResult> {
  return todo();
}
export async function unvoteIdea(_db: Db, _member: IdeaMember, _ideaId: string, _now = new Date()): Promise<VoteResult> {
  return todo();
}

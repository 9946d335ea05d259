import type { z } from "zod";
import type { IdeaDetail, IdeaList, IdeaRef, RoadmapColumn } from "@/lib/ideas/types";
import type { createInput, listInput, similarInput, updateInput } from "@/lib/validation/ideas";
import type { Db } from "../../db/client";
import type { IdeaMember, Viewer } from "./access";

const todo = (): never => {
  throw new Error("not implemented");
};

export async function listIdeas(_db: Db, _viewer: Viewer, _input: z.infer<typeof listInput>, _now = new Date()): Promise<IdeaList> {
  return todo();
}
export async function getIdea(_db: Db, _viewer: Viewer, _ideaId: string, _now = new Date()): Promise<IdeaDetail> {
  return todo();
}
export async function roadmap(_db: Db, _viewer: Viewer, _now = new Date()): Promise<RoadmapColumn[]> {
  return todo();
}
export async function similarIdeas(_db: Db, _viewer: Viewer, _input: z.infer<typeof similarInput>): Promise<IdeaRef[]> {
  return todo();
}
export async function createIdea(
  _db: Db,
  _member: IdeaMember,
  _input: z.infer<typeof createInput>,
  _now = new Date(),
): Promise<{ id: string; state: "pending" | "published"; replayed: boolean }> {
  return todo();
}
export async function updateIdea(
  _db: Db,
  _actor: IdeaMember,
  _input: z.infer<typeof updateInput>,
  _now = new Date(),
): Promise<{ id: string }> {
  return todo();
}

import type { z } from "zod";
import type { IdeaStatus, setStatusInput } from "@/lib/validation/ideas";
import type { Db } from "../../db/client";
import type { IdeaStaff } from "./access";

/** A payoff made by this call: the stage, who was paid and how much each. */
export interface Payoff {
  stage: "approved" | "planned" | "shipped";
  members: number;
  points: number;
}

const todo = (): never => {
  throw new Error("not implemented");
};
export async function setStatus(
  _db: Db,
  _staff: IdeaStaff,
  _input: z.infer<typeof setStatusInput>,
  _now = new Date(),
): Promise<{ status: IdeaStatus; changed: boolean; payoffs: Payoff[] }> {
  return todo();
}

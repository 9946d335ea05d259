import { redirect } from "next/navigation";
import { serverApi, viewerId } from "@/trpc/server";

export type Role = "member" | "moderator" | "admin";
const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };

/**
 * The signed-in member's first community, for pages; anonymous visitors go to sign-in and come
 * back to `path`. `membership` is undefined for an account in no community.
 */
export async function memberContext(path: string) {
  if (!(await viewerId())) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const api = await serverApi();
  const me = await api.me.get().catch(() => undefined);
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const membership = me.memberships[0];
  return { api, me, membership };
}

export function hasRole(role: Role | undefined, atLeast: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[atLeast];
}

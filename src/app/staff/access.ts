import { hasRole, memberContext, type Role } from "@/lib/member-context";

/**
 * Who may open a staff page: signed in (else sign-in and back), and at least `atLeast` in their
 * community. `allowed` false means show NotAllowed.
 */
export async function staffAccess(path: string, atLeast: Exclude<Role, "member">) {
  const { api, membership } = await memberContext(path);
  const role: Role = membership?.role ?? "member";
  return { api, membership, role, brandSlug: membership?.brandSlug ?? "", allowed: !!membership && hasRole(role, atLeast) };
}

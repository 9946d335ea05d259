import { signInInput } from "@/lib/validation/auth";
import type { Db } from "../db/client";
import { burnVerify, verifyPassword } from "../domain/accounts/passwords";
import { userPasswordHash } from "../domain/accounts/register";
import { clear } from "../rate-limit";

/**
 * next-auth's authorize(): the user, or null. Every failure looks the same to the caller
 * ("e-mail or password is wrong") and costs the same time. Rate limits are applied before this,
 * in the auth route's gate.
 */
export async function checkPassword(db: Db, credentials: Record<string, string> | undefined) {
  const parsed = signInInput.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await userPasswordHash(db, email);
  if (!user?.passwordHash) {
    await burnVerify(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  clear(`signin:account:${email}`);
  return { id: user.id, name: user.name, email: user.email };
}

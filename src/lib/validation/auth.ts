import { z } from "zod";

// Messages are translation keys under `errors.*` so the UI can show them in the member's language.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

// Control characters and other invisibles that make names unreadable or spoof others.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

export const emailSchema = z
  .string({ error: "email.invalid" })
  .trim()
  .toLowerCase()
  .max(254, { error: "email.invalid" })
  .pipe(z.email({ error: "email.invalid" }));

export const passwordSchema = z
  .string({ error: "password.tooShort" })
  .min(PASSWORD_MIN, { error: "password.tooShort" })
  .max(PASSWORD_MAX, { error: "password.tooLong" });

export const nameSchema = z
  .string({ error: "name.required" })
  .trim()
  .min(1, { error: "name.required" })
  .max(80, { error: "name.tooLong" })
  .refine((v) => !CONTROL.test(v), { error: "name.invalid" });

export const brandSlugSchema = z.string({ error: "brand.invalid" }).regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: "brand.invalid" });

export const registerInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  brandSlug: brandSlugSchema.optional(),
  /** An invite code typed or carried by the page; one that cannot be a code is dropped, never refused. */
  referralCode: z.string().max(64).optional().catch(undefined),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z
    .string({ error: "password.required" })
    .min(1, { error: "password.required" })
    .max(PASSWORD_MAX, { error: "password.tooLong" }),
});

export const magicLinkInput = z.object({ email: emailSchema });

/** Field → first message key, for showing errors next to fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

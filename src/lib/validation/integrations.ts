import { z } from "zod";
import { handleInput } from "./points";

/** Headers of a signed request to /api/v1/events (HTTP header names are case-insensitive). */
export const EVENT_HEADERS = {
  brand: "X-Sadiq-Brand",
  timestamp: "X-Sadiq-Timestamp",
  signature: "X-Sadiq-Signature",
} as const;
export const EVENTS_PATH = "/api/v1/events";
/** Largest accepted body, in bytes. */
export const EVENT_MAX_BYTES = 16 * 1024;
/** How far the timestamp may be from the server's clock, either way. */
export const EVENT_WINDOW_SECONDS = 5 * 60;

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The brand's own id for a member (its shop or CRM); compared exactly, case included. */
export const externalIdSchema = z
  .string({ error: "integrations.badExternalId" })
  .trim()
  .min(1, { error: "integrations.badExternalId" })
  .max(200, { error: "integrations.badExternalId" })
  .refine((v) => !CONTROL.test(v), { error: "integrations.badExternalId" });

/** Staff link a member (by handle) to the brand's id for them; an empty id clears the link. */
export const linkMemberInput = z.object({
  handle: handleInput,
  externalId: z.union([z.literal("").transform(() => null), externalIdSchema]),
});

/** Chosen by the brand's system; one key is one event, and a repeat of it changes nothing. */
export const eventKeySchema = z.string({ error: "idempotencyKey must be a string" }).regex(/^[A-Za-z0-9][\w.:@/-]{0,127}$/, {
  error: "idempotencyKey must be 1-128 characters: letters, digits and _ . : @ / - (starting with a letter or digit)",
});

const EXTERNAL_ID_RULE = "member.externalId must be 1-200 characters without control characters";

/** The JSON body of POST /api/v1/events. Messages are English: this is a machine API. */
export const eventBody = z.strictObject(
  {
    quest: z.uuid({ error: "quest must be the id (UUID) of a custom quest" }),
    member: z.union(
      [
        z.strictObject({
          email: z
            .string()
            .trim()
            .toLowerCase()
            .max(254)
            .pipe(z.email({ error: "member.email must be an e-mail address" })),
        }),
        z.strictObject({
          externalId: z
            .string({ error: EXTERNAL_ID_RULE })
            .trim()
            .min(1, { error: EXTERNAL_ID_RULE })
            .max(200, { error: EXTERNAL_ID_RULE })
            .refine((v) => !CONTROL.test(v), { error: EXTERNAL_ID_RULE }),
        }),
      ],
      { error: 'member must be { "email": "…" } or { "externalId": "…" }' },
    ),
    idempotencyKey: eventKeySchema,
    occurredAt: z.iso.datetime({ offset: true, error: "occurredAt must be an ISO 8601 date-time, e.g. 2026-05-01T09:30:00Z" }).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : "the body must be a JSON object",
  },
);
export type EventBody = z.infer<typeof eventBody>;

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { questInput } from "@/lib/validation/quests";
import { issueFields } from "./trpc";

const fieldsOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : issueFields(r.error);
};

describe("issueFields", () => {
  it("keys top-level inputs by their field", () => {
    expect(fieldsOf(z.object({ email: z.string().email({ error: "email.invalid" }) }), { email: "x" })).toEqual({ email: "email.invalid" });
  });

  it("keys a wrapped object's errors by the field inside it, as the quest builder shows them", () => {
    const input = z.object({ quest: questInput });
    const quest = { kind: "habit", title: "Stretch", basePoints: 10, cadence: "times_per_week" };
    expect(fieldsOf(input, { quest })).toEqual({ cadenceN: "quests.badCadenceN" });
    expect(fieldsOf(input, { quest: { ...quest, cadenceN: 3, title: "" } })).toEqual({ title: "quests.titleRequired" });
  });

  it("keeps list inputs under the list's name", () => {
    const input = z.object({ tiers: z.array(z.object({ name: z.string().min(1, { error: "tiers.nameRequired" }) })) });
    expect(fieldsOf(input, { tiers: [{ name: "" }] })).toEqual({ tiers: "tiers.nameRequired" });
  });
});

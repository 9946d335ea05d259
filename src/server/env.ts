import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  SADIQ_DATA_DIR: z.string().default(".data"),
  SADIQ_DEMO: z.enum(["0", "1"]).default("1"),
  /** The demo's early-bird surprise table; the e2e suite turns it off so a check-in's points never depend on the clock. */
  SADIQ_DEMO_SURPRISES: z.enum(["0", "1"]).default("1"),
  SADIQ_DEFAULT_BRAND: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/)
    .default("demo"),
  SADIQ_ADMIN_EMAIL: z.string().optional(),
  SADIQ_ADMIN_PASSWORD: z.string().optional(),
  SADIQ_TRUST_PROXY: flag,
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("Sadiq <no-reply@sadiq.local>"),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment. Throws one readable line per bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid environment: ${lines.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().SADIQ_DATA_DIR);
}

export function appVersion(): string {
  return process.env.npm_package_version ?? "0.1.0";
}

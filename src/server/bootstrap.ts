import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { type DbHandle, openDb } from "./db/client";
import { runMigrations } from "./db/migrate";
import { appliedMigrations } from "./db/migrations-count";
import { settings } from "./db/schema";
import { ensureDefaultBrand, seedDemo } from "./db/seed";
import { ensureAdmin } from "./domain/accounts/register";
import { dataDir, env } from "./env";

/** A start-up failure with one line for the operator; main prints it without a stack. */
export class StartupError extends Error {}

function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  // postgres.js reports several addresses (IPv4 and IPv6) as an AggregateError.
  const inner = Array.isArray(e.errors) && e.errors.length ? (e.errors[0] as { message?: string }) : undefined;
  const msg = (inner?.message ?? e.message ?? String(err)).split("\n")[0];
  return e.code && !msg?.includes(e.code) ? `${e.code} ${msg}` : (msg ?? "unknown error");
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PGlite has no locking of its own: two processes on one folder would corrupt it. */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, "sadiq.pid");
  try {
    const other = Number(readFileSync(lock, "utf8"));
    if (other && other !== process.pid && isAlive(other)) {
      throw new StartupError(`the embedded database in ${dir} is in use by process ${other}; stop it or set SADIQ_DATA_DIR`);
    }
  } catch (err) {
    if (err instanceof StartupError) throw err;
  }
  const fd = openSync(lock, "w");
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lock, { force: true });
}

export interface Started {
  handle: DbHandle;
  migrations: number;
  unlock: () => void;
}

/** Opens the database, applies migrations, seeds, bootstraps the admin and the auth secret. */
export async function startDatabase(opts: { seed: boolean; log?: (line: string) => void }): Promise<Started> {
  const e = env();
  const log = opts.log ?? ((line: string) => console.log(line));
  let unlock = () => {};
  let handle: DbHandle;
  if (e.DATABASE_URL) {
    handle = openDb({ url: e.DATABASE_URL });
  } else {
    unlock = lockDataDir(dataDir());
    handle = openDb({ dataDir: path.join(dataDir(), "pglite") });
  }
  const where = e.DATABASE_URL ? redact(e.DATABASE_URL) : path.join(dataDir(), "pglite");
  try {
    await handle.ping();
  } catch (err) {
    unlock();
    await handle.close().catch(() => {});
    throw new StartupError(`cannot reach the database at ${where}: ${describeError(err)}`);
  }
  try {
    await runMigrations(handle, e.DATABASE_URL);
  } catch (err) {
    unlock();
    await handle.close().catch(() => {});
    throw new StartupError(`database migration failed: ${describeError(err)}`);
  }
  if (opts.seed && e.SADIQ_DEMO === "1") {
    const seeded = await seedDemo(handle.db);
    if (seeded.seeded) {
      log(`[sadiq] demo brand seeded. Demo admin: ${seeded.adminEmail}  password: ${seeded.adminPassword}  (shown once)`);
    }
  }
  if (e.SADIQ_ADMIN_EMAIL || e.SADIQ_ADMIN_PASSWORD) {
    const email = e.SADIQ_ADMIN_EMAIL?.trim().toLowerCase();
    const password = e.SADIQ_ADMIN_PASSWORD ?? "";
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || password.length < 10) {
      unlock();
      await handle.close().catch(() => {});
      throw new StartupError("SADIQ_ADMIN_EMAIL needs a valid e-mail and SADIQ_ADMIN_PASSWORD at least 10 characters");
    }
    const brand = await ensureDefaultBrand(handle.db, e.SADIQ_DEFAULT_BRAND);
    await ensureAdmin(handle.db, { email, password, brandId: brand.id });
    log(`[sadiq] ${email} is admin of brand "${brand.slug}"`);
  }
  process.env.NEXTAUTH_SECRET = e.NEXTAUTH_SECRET ?? (await sharedSecret(handle));
  return { handle, migrations: await appliedMigrations(handle), unlock };
}

/** One generated secret per database, so every process (and every restart) signs sessions alike. */
async function sharedSecret(handle: DbHandle): Promise<string> {
  await handle.db
    .insert(settings)
    .values({ key: "auth_secret", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await handle.db.select().from(settings).where(eq(settings.key, "auth_secret"));
  if (!row) throw new StartupError("could not store the session secret");
  return row.value;
}

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  /**
   * A separate small pool for the outbox reader and live boards' catch-ups, so live updates never queue
   * behind requests waiting for the main pool (the same database as `db` on PGlite).
   */
  live: Db;
  kind: DbKind;
  close: () => Promise<void>;
  /** Runs a bare `select 1`; rejects when the database cannot answer. */
  ping: () => Promise<void>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
}

export interface OpenOptions {
  url?: string;
  /** Folder for PGlite; `memory://` keeps it in memory (tests). */
  dataDir?: string;
}

export function openDb(opts: OpenOptions): DbHandle {
  if (opts.url) {
    const sql = postgres(opts.url, {
      max: Number(process.env.SADIQ_DB_POOL ?? 10),
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
    });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    const liveSql = postgres(opts.url, { max: 2, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30 });
    const live = drizzlePostgres(liveSql, { schema }) as unknown as Db;
    return {
      db,
      live,
      kind: "postgres",
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), liveSql.end({ timeout: 5 })]);
      },
      ping: async () => {
        await sql`select 1`;
      },
      listen: async (channel, onNotify) => {
        const sub = await sql.listen(channel, onNotify);
        return () => sub.unlisten();
      },
    };
  }
  const dir = opts.dataDir ?? "memory://";
  if (!dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ dir)), { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    live: db,
    kind: "pglite",
    close: () => client.close(),
    ping: async () => {
      await client.query("select 1");
    },
    listen: (channel, onNotify) => client.listen(channel, onNotify),
  };
}

// Next's bundle and the tsx-run server load separate copies of this module; the handle lives on
// globalThis so both use one pool (and PGlite never opens the same folder twice).
const g = globalThis as unknown as { __sadiqDb?: DbHandle };

export function setDbHandle(handle: DbHandle | undefined): void {
  g.__sadiqDb = handle;
}

export function dbHandle(): DbHandle {
  if (!g.__sadiqDb) throw new Error("database not initialised: start Sadiq with `npm start`");
  return g.__sadiqDb;
}

export function getDb(): Db {
  return dbHandle().db;
}

/** postgres.js returns an array of rows, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

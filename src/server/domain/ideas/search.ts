import { type SQL, sql } from "drizzle-orm";
import { ideas } from "../../db/schema";
import { SEARCH_CONFIG } from "./access";

type SearchConfig = (typeof SEARCH_CONFIG)[string];

const MAX_WORDS = 8;

export function configOf(locale: string | null | undefined): SearchConfig {
  return SEARCH_CONFIG[locale ?? "en"] ?? "simple";
}

/**
 * The words of what someone typed: letters (with their combining marks) and digits of any script,
 * lower-cased. Nothing else survives, so the words can be joined into tsquery syntax and ilike
 * patterns without escaping.
 */
export function wordsOf(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, MAX_WORDS);
}

/**
 * The idea's search vector: its title and body stemmed in the author's language (weights A and B),
 * plus the bare title words (C) so a reader in another language still finds it by the words themselves.
 */
export function searchVector(lang: string, title: string, body: string): SQL {
  const cfg = configOf(lang);
  return sql`setweight(to_tsvector(${cfg}::regconfig, ${title}::text), 'A')
    || setweight(to_tsvector(${cfg}::regconfig, ${body}::text), 'B')
    || setweight(to_tsvector('simple'::regconfig, ${title}::text), 'C')`;
}

/**
 * A query for typed text: the text as a web search stemmed in each given configuration, or any of its
 * words as a prefix (a title still being typed ends in half a word). Null when nothing is searchable.
 */
export function searchQuery(text: string, configs: readonly SearchConfig[]): SQL | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  const prefix = words.map((w) => `${w}:*`).join(" | ");
  const stemmed = [...new Set(configs)].map((cfg) => sql`websearch_to_tsquery(${cfg}::regconfig, ${text}::text)`);
  return sql.join([...stemmed, sql`to_tsquery('simple'::regconfig, ${prefix}::text)`], sql` || `);
}

export function matches(query: SQL): SQL {
  return sql`${ideas.search} @@ (${query})`;
}

export function rankOf(query: SQL): SQL<number> {
  return sql<number>`ts_rank_cd(${ideas.search}, ${query})`;
}

/**
 * Georgian and Azerbaijani have no stemmer: a word inside a longer, suffixed word is found by a plain
 * substring match on the title. Words shorter than three letters would match nearly everything.
 */
export function titleContainsAny(text: string): SQL | null {
  const words = wordsOf(text).filter((w) => w.length >= 3);
  if (words.length === 0) return null;
  return sql`(${sql.join(
    words.map((w) => sql`${ideas.title} ilike ${`%${w}%`}`),
    sql` or `,
  )})`;
}

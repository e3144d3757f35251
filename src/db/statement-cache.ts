import type SQLite from 'better-sqlite3';

/**
 * cacheStatements makes a better-sqlite3 connection reuse its prepared statements. Kysely's SQLite
 * driver prepares every query anew, and preparing (parsing and planning the SQL) was the largest cost
 * of a short request in the profile. Statements are kept by their SQL text, least recently used first
 * out; SQLite re-prepares a kept statement by itself when a migration changes the schema.
 */
export function cacheStatements(database: SQLite.Database, max = 500, maxLength = 4000): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    // Bulk inserts of many rows are long and rarely repeat exactly: not worth the memory.
    if (source.length > maxLength) return prepare(source);
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source); // re-inserted below: the map's first entry is the least recently used
    } else {
      statement = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as SQLite.Database['prepare'];
}

import type pg from "pg";

/*
 * Named statements are parsed and planned once per connection: with a handful of statements per
 * batch and batches every few milliseconds, re-planning was a visible share of PostgreSQL's CPU.
 * Times go in as ISO strings: pg's own Date formatting costs more than an insert's other columns together.
 */
export function prepared<R extends pg.QueryResultRow = pg.QueryResultRow>(client: pg.PoolClient, name: string, text: string, values: unknown[]) {
  return client.query<R>({ name: `webhooks_${name}`, text, values });
}

/** One map key for a (channel, key) pair. */
export const keyOf = (channelId: string, key: string) => `${channelId}\n${key}`;

/** Rows are sorted by key before every insert and lock, so two batches running at once lock in the same order. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

import pg from 'pg';

/** A fresh schema on the local Postgres, or null (with the reason) when none answers. */
export async function freshPostgresSchema(
  baseUrl: string,
): Promise<{ url: string; ledgerCount(): Promise<number>; drop(): Promise<void> } | { skipped: string }> {
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
  } catch (error) {
    return { skipped: `Postgres not reachable at ${baseUrl} (${(error as Error).message})` };
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const query = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      return await c.query<{ n: string }>(sql);
    } finally {
      await c.end();
    }
  };
  return {
    url: url.toString(),
    ledgerCount: async () =>
      Number((await query(`select count(*) as n from ${schema}.webhook_events`)).rows[0]?.n ?? Number.NaN),
    drop: async () => {
      await query(`drop schema ${schema} cascade`);
    },
  };
}

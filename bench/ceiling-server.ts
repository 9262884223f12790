// The ceiling: a bare Fastify endpoint that inserts one row per request, on the same database and with the same
// durability settings as Aftercare (SQLite: WAL, synchronous=FULL; PostgreSQL: a pool of 10, default commit).
// Usage: tsx bench/ceiling-server.ts <database url> [schema]
import Fastify from 'fastify';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { randomUUID } from 'node:crypto';

const [url = '', schema] = process.argv.slice(2);
const app = Fastify({ logger: false });

if (url.startsWith('postgres')) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS ceiling (id uuid PRIMARY KEY, subject text NOT NULL, created_at timestamptz NOT NULL)',
  );
  app.post('/rows', async (request, reply) => {
    const body = request.body as { subject?: string };
    const id = randomUUID();
    await pool.query('INSERT INTO ceiling (id, subject, created_at) VALUES ($1, $2, now())', [
      id,
      body.subject ?? '',
    ]);
    return reply.code(201).send({ id });
  });
  app.addHook('onClose', async () => pool.end());
} else {
  const db = new BetterSqlite3(url.replace(/^sqlite:/, ''));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS ceiling (id TEXT PRIMARY KEY, subject TEXT NOT NULL, created_at TEXT NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO ceiling (id, subject, created_at) VALUES (?, ?, ?)');
  app.post('/rows', async (request, reply) => {
    const body = request.body as { subject?: string };
    const id = randomUUID();
    insert.run(id, body.subject ?? '', new Date().toISOString());
    return reply.code(201).send({ id });
  });
  app.addHook('onClose', async () => db.close());
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));

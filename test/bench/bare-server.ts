import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The ceiling of this stack on this machine: one Hono route that returns a short text, nothing else.
const app = new Hono().get('/', (c) => c.text('ok'));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

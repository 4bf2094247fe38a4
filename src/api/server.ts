// The sidecar's HTTP API (fastify): health, status, recent blocks, proofs by block hash, the
// zkboost proof-engine endpoints, Prometheus metrics and the dashboard.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';
import { DASHBOARD_HTML, DASHBOARD_JS } from './dashboard-page.js';
import { registerProofEngineRoutes } from './proof-engine-routes.js';

const HASH = /^0x[0-9a-fA-F]{64}$/;

export async function buildApi(ctx: ApiContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/status', async () => ({
    role: ctx.config.role,
    network: ctx.config.network,
    uptimeS: Math.round((Date.now() - ctx.startedAt) / 1000),
    engineUrl: ctx.engineUrl ?? null,
    executionClient: ctx.config.execution.urls[0] ?? null,
    prover: { available: ctx.proverUnavailable === null && !!ctx.pipeline, reason: ctx.pipeline ? ctx.proverUnavailable : 'role verifier' },
    verifier: { available: ctx.verifierUnavailable === null, reason: ctx.verifierUnavailable },
    queue: { depth: ctx.pipeline?.depth ?? 0, active: ctx.pipeline?.active ?? 0 },
    proofs: ctx.metrics.shares(),
    peerId: ctx.peerId?.() ?? null,
    peers: ctx.peers(),
  }));

  app.get('/v1/blocks', async (req, reply) => {
    const limit = Number((req.query as Record<string, string>).limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return reply.code(400).send({ code: 400, message: 'limit must be 1..1000' });
    if (!ctx.pipeline) {
      // Proof-only node: the payloads its beacon node showed it, and whether a proof made them VALID.
      const blocks = ctx.payloads.recent(limit).map((p) => ({
        ...p,
        state: ctx.book.isVerified(p.newPayloadRequestRoot) ? 'verified' : 'awaiting proof',
        timings: {},
        errors: [],
        verdict: ctx.book.isVerified(p.newPayloadRequestRoot) ? 'VALID by proof' : 'SYNCING',
      }));
      return { blocks };
    }
    const jobs = await ctx.store.recentJobs(limit);
    const blocks = await Promise.all(
      jobs.map(async (j) => {
        const v = await ctx.store.getVerdict(j.newPayloadRequestRoot);
        const { params: _params, ...rest } = j;
        return { ...rest, verdict: v ? (v.valid ? 'verified' : `rejected: ${v.reason ?? ''}`) : null };
      }),
    );
    return { blocks };
  });

  app.get('/v1/proofs/:blockHash', async (req, reply) => {
    const { blockHash } = req.params as { blockHash: string };
    if (!HASH.test(blockHash)) return reply.code(400).send({ code: 400, message: 'block hash must be 0x + 64 hex' });
    const proof = await ctx.store.getProofByBlockHash(blockHash);
    if (!proof) {
      const job = await ctx.store.getJob(blockHash);
      return reply.code(404).send({ code: 404, message: job ? `no proof yet (job ${job.state}${job.errors.length ? `: ${job.errors[job.errors.length - 1]}` : ''})` : 'unknown block' });
    }
    const verdict = await ctx.store.getVerdict(proof.newPayloadRequestRoot);
    return { ...proof, verdict: verdict ?? null };
  });

  app.get('/metrics', async (_req, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });

  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(DASHBOARD_HTML));
  app.get('/dashboard.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(DASHBOARD_JS));

  registerProofEngineRoutes(app, ctx);
  return app;
}

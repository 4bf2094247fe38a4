// The zkboost "Proof Node API" (v0.7 shape), so beacon nodes with proof-engine flags can use
// oneproof: proof requests (SSZ NewPayloadRequest), completion events (SSE), proof download,
// proof verification and the proof-type list.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { getBytes } from 'ethers';
import { ONEPROOF_PROOF_TYPE } from '../prover/pipeline.js';
import type { JobRecord } from '../store/records.js';
import { PayloadError } from '../verify/payload.js';
import { sszToEngineParams } from '../verify/request-codec.js';
import type { ApiContext } from './context.js';

export const PROOF_TYPE_NAME = 'oneproof-rv32im';
const ROOT = /^0x[0-9a-f]{64}$/;

const err = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ code: status, message });

function knownProofType(t: string): boolean {
  return t === PROOF_TYPE_NAME || t === String(ONEPROOF_PROOF_TYPE);
}

export function registerProofEngineRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.get('/v1/proof_types', async () => ({
    proof_types: [{ proof_type: PROOF_TYPE_NAME, kind: 'native', can_prove: ctx.proverUnavailable === null && !!ctx.pipeline, can_verify: ctx.verifierUnavailable === null }],
  }));

  app.post('/v1/execution_proof_requests', async (req, reply) => {
    const types = String((req.query as Record<string, string>).proof_types ?? '').split(',').filter(Boolean);
    if (types.length === 0) return err(reply, 400, 'proof_types is empty');
    const unknown = types.find((t) => !knownProofType(t));
    if (unknown) return err(reply, 400, `proof type ${unknown} is not configured (this node offers ${PROOF_TYPE_NAME})`);
    if (!ctx.pipeline) return err(reply, 400, 'this node does not prove (role verifier)');
    if (!Buffer.isBuffer(req.body)) return err(reply, 400, 'body must be application/octet-stream SSZ');
    let params: unknown[];
    try {
      params = sszToEngineParams(req.body);
    } catch (e) {
      return err(reply, 400, (e as Error).message);
    }
    try {
      const job = await ctx.pipeline.submit('engine_newPayloadV4', params);
      const root = job?.newPayloadRequestRoot ?? (await ctx.store.getJob((params[0] as { blockHash: string }).blockHash))?.newPayloadRequestRoot;
      return { new_payload_request_root: root };
    } catch (e) {
      if (e instanceof PayloadError) return err(reply, 400, e.message);
      return err(reply, 500, `could not queue the request: ${(e as Error).message}`);
    }
  });

  app.get('/v1/execution_proof_requests', (req, reply) => {
    const filter = (req.query as Record<string, string>).new_payload_request_root?.toLowerCase();
    if (filter !== undefined && !ROOT.test(filter)) return err(reply, 400, 'new_payload_request_root must be 0x + 64 hex');
    if (!ctx.pipeline) return err(reply, 400, 'this node does not prove (role verifier)');
    const pipeline = ctx.pipeline;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    // A first comment sends the headers now, so the client sees the stream open.
    raw.write(': connected\n\n');
    const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onJob = (job: JobRecord) => {
      if (filter && job.newPayloadRequestRoot !== filter) return;
      if (job.state === 'proved') send('proof_complete', { new_payload_request_root: job.newPayloadRequestRoot, proof_type: PROOF_TYPE_NAME, witness_ms: job.timings.witnessMs, queue_wait_ms: job.timings.queueWaitMs, prove_ms: job.timings.proveMs });
      else if (job.state === 'failed' || job.state === 'expired' || job.state === 'cancelled') {
        const last = job.errors[job.errors.length - 1] ?? job.state;
        const reason = job.state === 'expired' ? 'proving_timeout' : last.startsWith('witness') ? 'witness_timeout' : last.startsWith('prove') ? 'proving_error' : 'internal_error';
        send('proof_failure', { new_payload_request_root: job.newPayloadRequestRoot, proof_type: PROOF_TYPE_NAME, reason, error: last });
      }
    };
    pipeline.on('job', onJob);
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
    raw.on('close', () => {
      clearInterval(keepAlive);
      pipeline.off('job', onJob);
    });
    // Catch-up: a finished proof for the filtered root is announced at once.
    if (filter) void ctx.store.getProof(filter).then((p) => p && send('proof_complete', { new_payload_request_root: filter, proof_type: PROOF_TYPE_NAME }));
  });

  app.get('/v1/execution_proofs/:root/:type', async (req, reply) => {
    const { root, type } = req.params as { root: string; type: string };
    if (!ROOT.test(root.toLowerCase())) return err(reply, 400, 'root must be 0x + 64 hex');
    if (!knownProofType(type)) return err(reply, 404, `unknown proof type ${type}`);
    const p = await ctx.store.getProof(root);
    if (!p) return err(reply, 404, 'no proof for this request root');
    return reply.type('application/octet-stream').send(Buffer.from(getBytes(p.proof)));
  });

  app.post('/v1/execution_proof_verifications', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const root = q.new_payload_request_root?.toLowerCase();
    if (!root || !ROOT.test(root)) return err(reply, 400, 'new_payload_request_root must be 0x + 64 hex');
    if (!q.proof_type || !knownProofType(q.proof_type)) return err(reply, 404, `unknown proof type ${q.proof_type ?? ''}`);
    if (!Buffer.isBuffer(req.body)) return err(reply, 400, 'body must be the raw proof (application/octet-stream)');
    const proof = new Uint8Array(req.body);
    const known = ctx.payloads.get(root);
    if (!known) return err(reply, 400, 'unknown new_payload_request_root: this node has not seen that payload (engine_newPayload) yet');
    const verdict = await ctx.verifier.verify(proof, known);
    ctx.metrics.proofsVerified.inc({ result: verdict === true ? 'valid' : 'invalid' });
    if (verdict === true) {
      await ctx.book.addVerified(root, known.blockHash);
      ctx.onProofVerified?.(root, proof, ONEPROOF_PROOF_TYPE);
      return { status: 'VALID' };
    }
    await ctx.book.addRejected(root, verdict);
    req.log.info({ root, reason: verdict }, 'proof verification failed');
    return { status: 'INVALID', reason: verdict };
  });

}

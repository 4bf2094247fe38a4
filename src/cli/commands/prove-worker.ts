// `oneproof prove-worker`: a cluster proving machine. Takes whole-block jobs from the sidecar's
// BullMQ queue on Redis and proves them with the local native prover.
import type { Command } from '../command.js';
import { ClusterWorker } from '../../prover/cluster.js';

const USAGE = `usage: oneproof prove-worker --redis redis://HOST:PORT --guest-elf FILE [--threads N] [--params NAME] [--segment-cycles N]

  --redis URL       the Redis the sidecar (prover.redisUrl) queues jobs on
  --guest-elf FILE  the validator guest ELF
  --threads N       blocks proven at once on this machine (one per GPU or CPU share; default 1)
  --params NAME     FRI parameters: default, provable or test (the sidecar's prover.params)
  --segment-cycles N  cycles per zkVM segment (power of two in [65536, 2097152], default 1048576)`;

const proveWorker: Command = {
  name: 'prove-worker',
  summary: 'cluster mode: prove blocks queued by a sidecar on Redis',
  usage: USAGE,
  async run(args) {
    const get = (flag: string) => {
      const i = args.indexOf(flag);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const redis = get('--redis');
    const threads = Number(get('--threads') ?? 1);
    const params = get('--params') ?? 'default';
    const segmentCycles = Number(get('--segment-cycles') ?? 1 << 20);
    const segmentOk = Number.isInteger(segmentCycles) && segmentCycles >= 65536 && segmentCycles <= 2097152 && (segmentCycles & (segmentCycles - 1)) === 0;
    if (!redis || !Number.isInteger(threads) || threads < 1 || !['default', 'provable', 'test'].includes(params) || !segmentOk) {
      console.error(USAGE);
      return 2;
    }
    const worker = new ClusterWorker(redis, get('--guest-elf'), threads, { params: params as 'default' | 'provable' | 'test', segmentCycles });
    await worker.ready();
    console.log(`prove-worker: taking jobs from ${redis} with ${threads} thread(s)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await worker.close();
    return 0;
  },
};
export default proveWorker;

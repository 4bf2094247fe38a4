// Embedded LevelDB (classic-level) under <dataDir>/db: jobs, proofs and verdicts survive restarts.
// Values are JSON; keys sort so that listing returns recent blocks cheaply.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { JobRecord, ProofRecord, VerdictRecord } from './records.js';

/** Key spaces inside the one database (prefix + '!' + key). */
const JOB = 'job!';
const JOB_BY_NUMBER = 'job-n!';
const PROOF = 'proof!';
const PROOF_BY_BLOCK = 'proof-b!';
const VERDICT = 'verdict!';
/** Range bounds that select exactly one key space. */
const range = (prefix: string) => ({ gt: prefix, lt: `${prefix}\xff` });

/** Block numbers as fixed-width keys so lexicographic order is numeric order. */
const numberKey = (n: number, hash: string) => `${n.toString().padStart(16, '0')}:${hash}`;

export class SidecarStore {
  private constructor(private readonly db: ClassicLevel<string, string>) {}

  static async open(dataDir: string): Promise<SidecarStore> {
    const dir = path.join(dataDir, 'db');
    mkdirSync(dir, { recursive: true });
    const db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
    try {
      await db.open();
    } catch (e) {
      const cause = (e as { cause?: Error }).cause;
      throw new Error(`cannot open the database at ${dir}: ${cause?.message ?? (e as Error).message}`);
    }
    return new SidecarStore(db);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private static parse<T>(v: string | undefined): T | undefined {
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }

  async putJob(job: JobRecord): Promise<void> {
    await this.db.batch([
      { type: 'put', key: JOB + job.blockHash, value: JSON.stringify(job) },
      { type: 'put', key: JOB_BY_NUMBER + numberKey(job.blockNumber, job.blockHash), value: job.blockHash },
    ]);
  }

  async getJob(blockHash: string): Promise<JobRecord | undefined> {
    return SidecarStore.parse<JobRecord>(await this.db.get(JOB + blockHash.toLowerCase()));
  }

  /** Newest first. */
  async recentJobs(limit: number): Promise<JobRecord[]> {
    const hashes = await this.db.values({ ...range(JOB_BY_NUMBER), reverse: true, limit }).all();
    const values = await this.db.getMany(hashes.map((h) => JOB + h));
    return values.filter((v): v is string => v !== undefined).map((v) => JSON.parse(v) as JobRecord);
  }

  /** Jobs a restart must resume (queued or interrupted while running). */
  async unfinishedJobs(): Promise<JobRecord[]> {
    const out: JobRecord[] = [];
    for await (const v of this.db.values(range(JOB))) {
      const job = JSON.parse(v) as JobRecord;
      if (job.state === 'queued' || job.state === 'running') out.push(job);
    }
    return out;
  }

  async putProof(p: ProofRecord): Promise<void> {
    await this.db.batch([
      { type: 'put', key: PROOF + p.newPayloadRequestRoot, value: JSON.stringify(p) },
      { type: 'put', key: PROOF_BY_BLOCK + p.blockHash, value: p.newPayloadRequestRoot },
    ]);
  }

  async getProof(newPayloadRequestRoot: string): Promise<ProofRecord | undefined> {
    return SidecarStore.parse<ProofRecord>(await this.db.get(PROOF + newPayloadRequestRoot.toLowerCase()));
  }

  async getProofByBlockHash(blockHash: string): Promise<ProofRecord | undefined> {
    const root = await this.db.get(PROOF_BY_BLOCK + blockHash.toLowerCase());
    return root === undefined ? undefined : this.getProof(root);
  }

  async putVerdict(v: VerdictRecord): Promise<void> {
    await this.db.put(VERDICT + v.newPayloadRequestRoot, JSON.stringify(v));
  }

  async getVerdict(newPayloadRequestRoot: string): Promise<VerdictRecord | undefined> {
    return SidecarStore.parse<VerdictRecord>(await this.db.get(VERDICT + newPayloadRequestRoot.toLowerCase()));
  }

  async allVerdicts(): Promise<VerdictRecord[]> {
    return (await this.db.values(range(VERDICT)).all()).map((v) => JSON.parse(v) as VerdictRecord);
  }
}

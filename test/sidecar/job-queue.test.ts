import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/prover/job-queue.js';

const job = (id: string, slot: number, deadlineAt = Infinity) => ({ id, slot, deadlineAt });

describe('proving job queue', () => {
  it('serves the oldest slot first and ignores duplicates', () => {
    const q = new JobQueue(32);
    q.push(job('c', 12));
    q.push(job('a', 10));
    q.push(job('b', 11));
    q.push(job('a', 10));
    expect(q.size).toBe(3);
    expect([q.shift()?.id, q.shift()?.id, q.shift()?.id, q.shift()]).toEqual(['a', 'b', 'c', undefined]);
  });

  it('drops jobs past their deadline and jobs too far behind the newest slot', () => {
    const q = new JobQueue(2);
    q.push(job('late', 10, 1000));
    q.push(job('old', 5));
    q.push(job('ok', 9));
    q.push(job('new', 8 + 0));
    q.push(job('newest', 10));
    const dropped = q.prune(1000);
    expect(dropped.map((d) => [d.job.id, d.reason])).toEqual([
      ['old', 'stale'],
      ['late', 'deadline'],
    ]);
    expect(q.size).toBe(3);
    expect(q.remove('ok')).toBe(true);
    expect(q.remove('ok')).toBe(false);
  });
});

// Jobs waiting for a worker, oldest slot first (a block is useful to the network in slot order).
// Jobs past their deadline or too far behind the newest slot are dropped with a reason.
export interface QueuedJob {
  id: string;
  slot: number;
  deadlineAt: number;
}

export type Dropped<J> = { job: J; reason: 'deadline' | 'stale' };

export class JobQueue<J extends QueuedJob> {
  private readonly jobs: J[] = [];
  private newestSlot = -Infinity;

  constructor(private readonly staleSlots: number) {}

  get size(): number {
    return this.jobs.length;
  }

  has(id: string): boolean {
    return this.jobs.some((j) => j.id === id);
  }

  push(job: J): void {
    if (this.has(job.id)) return;
    this.newestSlot = Math.max(this.newestSlot, job.slot);
    // Insert keeping ascending slot order (queues are short: a few slots).
    let i = this.jobs.length;
    while (i > 0 && this.jobs[i - 1].slot > job.slot) i--;
    this.jobs.splice(i, 0, job);
  }

  /** Removes and returns jobs that can no longer be useful. */
  prune(now: number): Dropped<J>[] {
    const dropped: Dropped<J>[] = [];
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      const j = this.jobs[i];
      const reason = j.deadlineAt <= now ? 'deadline' : this.newestSlot - j.slot > this.staleSlots ? 'stale' : null;
      if (reason) {
        this.jobs.splice(i, 1);
        dropped.unshift({ job: j, reason });
      }
    }
    return dropped;
  }

  /** Next job by slot, or undefined. */
  shift(): J | undefined {
    return this.jobs.shift();
  }

  isStale(slot: number): boolean {
    return this.newestSlot - slot > this.staleSlots;
  }

  remove(id: string): boolean {
    const i = this.jobs.findIndex((j) => j.id === id);
    if (i < 0) return false;
    this.jobs.splice(i, 1);
    return true;
  }
}

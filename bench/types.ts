// A benchmark suite contributes figures; the runner adds the machine and the commit.
export interface Figure {
  name: string;          // e.g. "poseidon2_w16_perms_per_s_per_core"
  value: number;
  unit: string;          // e.g. "perm/s", "ms", "bytes", "cycles/s"
  params?: Record<string, string | number | boolean>;
}

export interface Suite {
  name: string;          // file-system friendly: results go to bench/results/<name>.json
  run(): Promise<Figure[]>;
}

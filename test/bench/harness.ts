// Shared by every benchmark: warm up, then run for a fixed time and report ops/s.
// Figures are printed, never asserted: speed targets live here, not in unit tests.

/** One measured contender. */
export interface BenchResult {
  name: string;
  opsPerSecond: number;
  /** Mean time per operation in microseconds. */
  microsPerOp: number;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns its rate. */
export async function measure(
  name: string,
  fn: () => unknown | Promise<unknown>,
  { ms = 1000, warmupMs = 200, batch = 100 }: { ms?: number; warmupMs?: number; batch?: number } = {},
): Promise<BenchResult> {
  const runFor = async (budget: number): Promise<{ ops: number; elapsed: number }> => {
    let ops = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < budget) {
      for (let i = 0; i < batch; i++) {
        const r = fn();
        if (r instanceof Promise) await r;
      }
      ops += batch;
      elapsed = performance.now() - start;
    }
    return { ops, elapsed };
  };
  await runFor(warmupMs);
  const { ops, elapsed } = await runFor(ms);
  return { name, opsPerSecond: (ops / elapsed) * 1000, microsPerOp: (elapsed * 1000) / ops };
}

/** Prints results as a table, with each contender's speed as a ratio of `baseline`'s. */
export function printTable(title: string, results: BenchResult[], baseline?: string): void {
  const base = results.find((r) => r.name === baseline) ?? results[0];
  console.log(`\n${title}`);
  console.table(
    results.map((r) => ({
      contender: r.name,
      'ops/s': Math.round(r.opsPerSecond).toLocaleString('en-US'),
      'µs/op': r.microsPerOp.toFixed(2),
      [`× ${base?.name ?? ''}`]: base ? (r.opsPerSecond / base.opsPerSecond).toFixed(2) : '',
    })),
  );
}

/* Timing helpers for the benchmarks: warm-up, repetitions, median and p95, a plain-text table. */

export interface Timing {
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured (ms, wall clock). */
export async function measure(fn: () => Promise<unknown>, options: { warmup: number; runs: number; deadline: number }): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
    // A slow baseline must not run the bench past its time limit: fewer samples instead.
    if (Date.now() > options.deadline && samples.length >= 5) break;
  }
  samples.sort((x, y) => x - y);
  return {
    median: round(percentile(samples, 0.5)),
    p95: round(percentile(samples, 0.95)),
    min: round(samples[0]!),
    max: round(samples.at(-1)!),
    runs: samples.length,
  };
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export const round = (ms: number) => Math.round(ms * 100) / 100;

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

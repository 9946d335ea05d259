/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function median(values: number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? (finite[mid] ?? Number.NaN) : ((finite[mid - 1] ?? 0) + (finite[mid] ?? 0)) / 2;
}

/** Latencies (ms) of the requests that completed inside the measured window, and its length. */
export interface Sample {
  latenciesMs: Float64Array;
  windowMs: number;
}

export interface Summary {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export function summarize(sample: Sample): Summary {
  const sorted = Float64Array.from(sample.latenciesMs).sort();
  return {
    count: sorted.length,
    perSecond: sample.windowMs > 0 ? (sorted.length * 1000) / sample.windowMs : 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** A growable Float64Array: millions of latencies without boxing each number. */
export class Recorder {
  private data = new Float64Array(1 << 14);
  private n = 0;

  push(value: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = value;
  }

  get length(): number {
    return this.n;
  }

  values(): Float64Array {
    return this.data.slice(0, this.n);
  }
}

export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

/** A plain-text table with right-aligned columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

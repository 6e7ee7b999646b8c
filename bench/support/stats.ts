import { performance } from "node:perf_hooks";

/** The q-quantile (0..1) of samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
    if (samples.length === 0) return Number.NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Milliseconds one call of `op` takes. */
export async function timeOnce(op: () => unknown): Promise<number> {
    const start = performance.now();
    await op();
    return performance.now() - start;
}

/** Mean milliseconds per call over `n` calls, after a short warm-up. */
export async function timePerOp(n: number, op: () => unknown): Promise<number> {
    for (let i = 0; i < Math.min(5, n); i++) await op();
    const start = performance.now();
    for (let i = 0; i < n; i++) await op();
    return (performance.now() - start) / n;
}

/**
 * Samples of several operations taken in turns (a, b, c, a, b, c, …, the order rotating each
 * round) so that every one of them sees the same load: on a shared machine a burst of load then
 * inflates all of them alike instead of whichever ran during it.
 */
export async function interleavedSamples(ops: Readonly<Record<string, () => unknown>>, rounds: number, warmup = 20): Promise<Record<string, number[]>> {
    const names = Object.keys(ops);
    const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = -warmup; round < rounds; round++) {
        for (let k = 0; k < names.length; k++) {
            const name = names[(k + Math.max(0, round)) % names.length]!;
            const ms = await timeOnce(ops[name]!);
            if (round >= 0) samples[name]!.push(ms);
        }
    }
    return samples;
}

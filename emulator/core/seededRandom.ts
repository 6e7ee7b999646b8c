/**
 * A small seeded generator (mulberry32) for probabilistic faults: the same seed gives the same
 * sequence on every machine and Node version, which Math.random cannot promise, so a fault soak
 * can be rerun with the faults it had.
 */
export type SeededRandom = () => number;

/** Mixes a seed with a stream number, so that several generators given one seed draw independently. */
export function mixSeed(seed: number, stream: number): number {
    let h = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): SeededRandom {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";

/** One target a figure is held to, already judged. */
export interface Target {
    /** e.g. "<= 2x floor", "median < 3 ms". */
    readonly what: string;
    readonly ok: boolean;
}

/** A measured figure, beside the floor measured in the same run where there is one. */
export interface Figure {
    /** The table section, e.g. "check latency". */
    readonly group: string;
    readonly name: string;
    /** What exactly was measured, when the name alone does not say. */
    readonly note?: string;
    readonly value: number;
    readonly unit: string;
    /** A second statistic shown beside the value (p95 beside a median). */
    readonly detail?: string;
    readonly floor?: { readonly name: string; readonly value: number; readonly detail?: string };
    /** value / floor.value. */
    readonly ratio?: number;
    readonly targets: readonly Target[];
}

export interface Machine {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly platform: string;
    /** 1-minute load averages when the run started and ended: above the core count, figures are inflated. */
    readonly loadStart: number;
    readonly loadEnd?: number;
}

export function describeMachine(): Machine {
    return {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadStart: os.loadavg()[0]!,
    };
}

/** A ratio against a floor, judged against `max`. */
export function ratioTarget(ratio: number, max: number): Target {
    return { what: `<= ${max}x floor`, ok: ratio <= max };
}

export function maxTarget(value: number, max: number, unit: string, label = ""): Target {
    return { what: `${label}${label ? " " : ""}< ${max} ${unit}`, ok: value < max };
}

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

function valueText(value: number, unit: string, detail?: string): string {
    return `${fmt(value)} ${unit}${detail ? ` (${detail})` : ""}`;
}

/** The table printed by `npm run bench` and copied into the README: one row per figure. */
export function formatTable(figures: readonly Figure[]): string {
    const header = ["figure", "measured", "floor", "ratio", "target", ""];
    const rows = figures.map((f) => [
        `${f.group}: ${f.name}`,
        valueText(f.value, f.unit, f.detail),
        f.floor ? `${valueText(f.floor.value, f.unit, f.floor.detail)} ${f.floor.name}` : "",
        f.ratio !== undefined ? `${f.ratio.toFixed(2)}x` : "",
        f.targets.map((t) => t.what).join(", "),
        f.targets.length === 0 ? "" : f.targets.every((t) => t.ok) ? "ok" : "MISS",
    ]);
    const escape = (cell: string) => cell.replace(/\|/g, "\\|");
    const lines = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.map(escape).join(" | ")} |`);
    const notes = figures.filter((f) => f.note).map((f) => `- ${f.group}: ${f.name}: ${f.note}`);
    return [...lines, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
}

interface ResultsDocument {
    readonly measuredAt: string;
    readonly machine: Machine;
    /** Each figure with when, and on what, it was last measured, where a partial run kept older ones. */
    readonly figures: ReadonlyArray<Figure & { readonly measuredAt?: string; readonly machine?: Machine }>;
}

/**
 * Writes the figures. With `keepOthers` (a run of only some figures), figures of the file that this
 * run did not measure stay, each marked with when and on what machine it was measured.
 */
export function writeResults(file: string, machine: Machine, figures: readonly Figure[], options: { readonly keepOthers?: boolean } = {}): void {
    const measuredAt = new Date().toISOString();
    const key = (f: Figure) => `${f.group}\u0000${f.name}`;
    let all: ResultsDocument["figures"] = figures;
    if (options.keepOthers && existsSync(file)) {
        // In the file's order: a fresh figure takes its old one's place, new ones go last.
        const old = JSON.parse(readFileSync(file, "utf8")) as ResultsDocument;
        const fresh = new Map(figures.map((f) => [key(f), f]));
        const merged = old.figures.map((f) => fresh.get(key(f)) ?? { measuredAt: old.measuredAt, machine: old.machine, ...f });
        const placed = new Set(old.figures.map(key));
        all = [...merged, ...figures.filter((f) => !placed.has(key(f)))];
    }
    const document: ResultsDocument = { measuredAt, machine, figures: all };
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}

// `npm run bench [-- [--runs N] <figure>...]`: every figure beside its floor and target, printed as
// a table and written to bench/results.json; with --runs, each figure is the median of N runs.
// Figures, not tests: timings belong here, never in mocha.
import * as path from "node:path";
import * as os from "node:os";
import { bulkCreateFigure } from "./figures/bulkCreate";
import { checkLatencyFigures } from "./figures/checkLatency";
import { engineFigures } from "./figures/engine";
import { lifecycleFigure } from "./figures/lifecycle";
import { pemAndSigningFigures } from "./figures/pemAndSigning";
import { providerSizeFigures } from "./figures/providerSize";
import { describeMachine, formatTable, writeResults, type Figure } from "./support/results";

/** Each figure module, by the name that selects it on the command line, in the order they run. */
const FIGURES: Readonly<Record<string, () => Promise<Figure | Figure[]>>> = {
    check: () => checkLatencyFigures(),
    size: () => providerSizeFigures(),
    pem: () => pemAndSigningFigures(),
    lifecycle: () => lifecycleFigure(),
    bulk: () => bulkCreateFigure(),
    engine: () => engineFigures(),
};

/** Per figure, the run whose ratio (or value, without a floor) is the median of all runs, with every run's value noted. */
function medianRuns(runs: readonly Figure[][]): Figure[] {
    if (runs.length === 1) return runs[0]!;
    return runs[0]!.map((first, i) => {
        const all = runs.map((run) => run[i]!).filter((f) => f.group === first.group && f.name === first.name);
        const key = (f: Figure) => f.ratio ?? f.value;
        const middle = [...all].sort((a, b) => key(a) - key(b))[Math.floor((all.length - 1) / 2)]!;
        const values = all.map((f) => (f.ratio !== undefined ? `${f.ratio.toFixed(2)}x` : `${f.value.toFixed(2)} ${f.unit}`)).join(", ");
        return { ...middle, note: `${middle.note ? `${middle.note}; ` : ""}median of ${all.length} runs (${values})` };
    });
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const runsAt = args.indexOf("--runs");
    const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
    if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of runs, e.g. --runs 3");
    const wanted = args;
    const unknown = wanted.filter((name) => !(name in FIGURES));
    if (unknown.length > 0) throw new Error(`unknown figure ${unknown.join(", ")}; figures: ${Object.keys(FIGURES).join(", ")}`);
    const machine = describeMachine();
    const results: Figure[][] = [];
    for (let run = 1; run <= runs; run++) {
        const figures: Figure[] = [];
        for (const [name, measure] of Object.entries(FIGURES)) {
            if (wanted.length > 0 && !wanted.includes(name)) continue;
            process.stderr.write(`bench: ${name}${runs > 1 ? ` (run ${run} of ${runs})` : ""}…\n`);
            figures.push(...[await measure()].flat());
        }
        results.push(figures);
    }
    const figures = medianRuns(results);
    const done = { ...machine, loadEnd: os.loadavg()[0]! };
    console.log(formatTable(figures));
    console.log(`\n${done.cpus} × ${done.cpuModel}, Node ${done.node}, load average ${done.loadStart.toFixed(1)} at the start and ${done.loadEnd.toFixed(1)} at the end`);
    // A run of some figures keeps the others' last measurements (each marked with when it was taken).
    writeResults(path.join(__dirname, "results.json"), done, figures, { keepOthers: wanted.length > 0 });
    process.exitCode = figures.every((f) => f.targets.every((t) => t.ok)) ? 0 : 1;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});

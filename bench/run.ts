// `npm run bench [-- <figure>...]`: every figure beside its floor and target, printed as a table
// and written to bench/results.json. Figures, not tests: timings belong here, never in mocha.
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

async function main(): Promise<void> {
    const wanted = process.argv.slice(2);
    const unknown = wanted.filter((name) => !(name in FIGURES));
    if (unknown.length > 0) throw new Error(`unknown figure ${unknown.join(", ")}; figures: ${Object.keys(FIGURES).join(", ")}`);
    const machine = describeMachine();
    const figures: Figure[] = [];
    for (const [name, measure] of Object.entries(FIGURES)) {
        if (wanted.length > 0 && !wanted.includes(name)) continue;
        process.stderr.write(`bench: ${name}…\n`);
        figures.push(...[await measure()].flat());
    }
    const done = { ...machine, loadEnd: os.loadavg()[0]! };
    console.log(formatTable(figures));
    console.log(`\n${done.cpus} × ${done.cpuModel}, Node ${done.node}, load average ${done.loadStart.toFixed(1)} at the start and ${done.loadEnd.toFixed(1)} at the end`);
    writeResults(path.join(__dirname, "results.json"), done, figures);
    process.exitCode = figures.every((f) => f.targets.every((t) => t.ok)) ? 0 : 1;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});

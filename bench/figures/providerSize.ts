import { installPackedPackage } from "../../tests/support/packedPackage";
import { maxTarget, type Figure } from "../support/results";

const MAX_KIB = 4;

type SerializeFunction = (f: () => unknown, options: { allowSecrets: boolean }) => Promise<{ text: string }>;

/**
 * The text Pulumi stores as `__provider` (twice per resource: inputs and outputs) for each
 * resource type: its provider object serialized the way the engine does it, from the package as
 * `npm pack` ships it (local sources would be serialized by value and say nothing).
 */
export async function providerSizeFigures(): Promise<Figure[]> {
    const { consumer } = installPackedPackage();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require(`${consumer}/node_modules/pulumi-cloudcerts`) as { providers: Record<string, object> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { serializeFunction } = (require("@pulumi/pulumi") as { runtime: { serializeFunction: SerializeFunction } }).runtime;
    const figures: Figure[] = [];
    for (const [name, provider] of Object.entries(pkg.providers)) {
        const { text } = await serializeFunction(() => provider, { allowSecrets: false });
        const kib = Buffer.byteLength(text) / 1024;
        figures.push({ group: "serialized provider", name, value: kib, unit: "KiB", targets: [maxTarget(kib, MAX_KIB, "KiB")] });
    }
    return figures;
}

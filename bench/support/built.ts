import * as path from "node:path";

type ProviderPackage = typeof import("../../provider");
type EmulatorPackage = typeof import("../../emulator");

const DIST = path.resolve(__dirname, "..", "..", "dist");

/**
 * The package as `npm run build` compiled it (tsc output, what users run), not the sources through
 * tsx, whose transpiled output differs (esbuild's name-keeping wrappers run on every call).
 * Figures for the provider's own code are taken on this.
 */
export function builtProvider(): ProviderPackage {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(DIST, "provider")) as ProviderPackage;
}

export function builtEmulator(): EmulatorPackage {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(DIST, "emulator")) as EmulatorPackage;
}

/** A module of the compiled package by its path under dist/provider, e.g. "core/pem". */
export function builtProviderModule<T>(relative: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(DIST, "provider", relative)) as T;
}

import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { isJsonObject } from "./json";

/**
 * In-memory object store shared by all vendors, optionally mirrored to a JSON state file so that a
 * stack can be tested across emulator restarts.
 *
 * Records are plain JSON-serialisable objects. `get` and `list` hand out copies, so a vendor has to
 * `put` a changed record back; that keeps "what changed" explicit and lets the store know when the
 * state file needs rewriting.
 */

const FORMAT = "cloudcerts-emulator-state";
const VERSION = 1;

interface VendorState {
    /** Each table as [id, record] pairs: an array keeps insertion order across JSON round trips. */
    tables: Record<string, [string, unknown][]>;
    counters: Record<string, number>;
}

interface StateFile {
    format: typeof FORMAT;
    version: typeof VERSION;
    vendors: Record<string, VendorState>;
}

export class Table<T extends object> {
    constructor(
        private readonly rows: Map<string, unknown>,
        private readonly onChange: () => void,
    ) {}

    get size(): number {
        return this.rows.size;
    }

    has(id: string): boolean {
        return this.rows.has(id);
    }

    get(id: string): T | undefined {
        const row = this.rows.get(id);
        return row === undefined ? undefined : (structuredClone(row) as T);
    }

    put(id: string, record: T): void {
        this.rows.set(id, structuredClone(record));
        this.onChange();
    }

    delete(id: string): boolean {
        const existed = this.rows.delete(id);
        if (existed) this.onChange();
        return existed;
    }

    /** All records, oldest first. */
    list(): T[] {
        return [...this.rows.values()].map((row) => structuredClone(row) as T);
    }
}

export class Store {
    private readonly tables = new Map<string, Map<string, unknown>>();
    private readonly counters = new Map<string, number>();
    private dirty = false;
    private changeCount = 0;
    /** Writes are chained so that a later snapshot never lands before an earlier one. */
    private writing: Promise<void> = Promise.resolve();

    private constructor(private readonly stateFile: string | undefined) {}

    /** Opens a store, loading `stateFile` when it exists. A state file that cannot be read is an error, never silently emptied. */
    static async open(stateFile?: string): Promise<Store> {
        const store = new Store(stateFile);
        if (stateFile !== undefined) await store.load(stateFile);
        return store;
    }

    table<T extends object>(vendor: string, name: string): Table<T> {
        const key = `${vendor}/${name}`;
        let rows = this.tables.get(key);
        if (!rows) {
            rows = new Map();
            this.tables.set(key, rows);
        }
        return new Table<T>(rows, () => this.markDirty());
    }

    /** Next value of a per-vendor counter (integer IDs, insertion sequence numbers); starts at `start`. */
    nextCounter(vendor: string, name: string, start = 1): number {
        const key = `${vendor}/${name}`;
        const next = (this.counters.get(key) ?? start - 1) + 1;
        this.counters.set(key, next);
        this.markDirty();
        return next;
    }

    /**
     * Forgets every object (admin reset). Counters keep going: a vendor never hands out an id
     * twice, and clients may rely on that (a create reconciling a lost reply skips ids it has seen).
     */
    clear(): void {
        for (const rows of this.tables.values()) rows.clear();
        this.markDirty();
    }

    markDirty(): void {
        this.dirty = true;
        this.changeCount += 1;
    }

    /** How many changes since the store was opened; lets a test check which actions really write. */
    get changes(): number {
        return this.changeCount;
    }

    /** Writes the state file if anything changed since the last write; a no-op without a state file. */
    flush(): Promise<void> {
        const file = this.stateFile;
        if (file === undefined) return Promise.resolve();
        this.writing = this.writing.then(async () => {
            if (!this.dirty) return;
            this.dirty = false;
            const text = JSON.stringify(this.snapshot(), null, 2);
            // Write-then-rename so that a crash mid-write never leaves a truncated state file behind.
            // The file holds private keys of stored objects, so it is readable by the owner only.
            const tmp = `${file}.${process.pid}.tmp`;
            await mkdir(dirname(file), { recursive: true });
            await writeFile(tmp, text, { mode: 0o600 });
            await rename(tmp, file);
        });
        return this.writing;
    }

    private snapshot(): StateFile {
        const vendors: Record<string, VendorState> = {};
        const vendorOf = (key: string): [VendorState, string] => {
            const slash = key.indexOf("/");
            const vendor = key.slice(0, slash);
            vendors[vendor] ??= { tables: {}, counters: {} };
            return [vendors[vendor], key.slice(slash + 1)];
        };
        for (const [key, rows] of this.tables) {
            const [state, name] = vendorOf(key);
            state.tables[name] = [...rows.entries()];
        }
        for (const [key, value] of this.counters) {
            const [state, name] = vendorOf(key);
            state.counters[name] = value;
        }
        return { format: FORMAT, version: VERSION, vendors };
    }

    private async load(file: string): Promise<void> {
        let text: string;
        try {
            text = await readFile(file, "utf8");
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
            throw error;
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch (error) {
            throw new Error(`cloudcerts-emulator: state file ${file} is not valid JSON: ${(error as Error).message}`);
        }
        if (!isJsonObject(parsed) || parsed.format !== FORMAT || parsed.version !== VERSION || !isJsonObject(parsed.vendors)) {
            throw new Error(`cloudcerts-emulator: ${file} is not a version ${VERSION} cloudcerts-emulator state file`);
        }
        for (const [vendor, state] of Object.entries(parsed.vendors)) {
            if (!isJsonObject(state) || !isJsonObject(state.tables) || !isJsonObject(state.counters)) {
                throw new Error(`cloudcerts-emulator: state file ${file} has a malformed entry for ${vendor}`);
            }
            for (const [name, rows] of Object.entries(state.tables)) {
                if (!Array.isArray(rows)) throw new Error(`cloudcerts-emulator: state file ${file}: table ${vendor}/${name} is not a list`);
                const map = new Map<string, unknown>();
                for (const row of rows) {
                    if (!Array.isArray(row) || row.length !== 2 || typeof row[0] !== "string" || !isJsonObject(row[1])) {
                        throw new Error(`cloudcerts-emulator: state file ${file}: table ${vendor}/${name} has a malformed row`);
                    }
                    map.set(row[0], row[1]);
                }
                this.tables.set(`${vendor}/${name}`, map);
            }
            for (const [name, value] of Object.entries(state.counters)) {
                if (typeof value !== "number" || !Number.isInteger(value)) {
                    throw new Error(`cloudcerts-emulator: state file ${file}: counter ${vendor}/${name} is not an integer`);
                }
                this.counters.set(`${vendor}/${name}`, value);
            }
        }
    }
}

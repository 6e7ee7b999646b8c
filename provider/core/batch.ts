/**
 * Turns single lookups into batched calls: the first lookup goes at once, and lookups made while a
 * call is in flight (or waiting for its rate-limit permit) go together in the next one, so a vendor
 * read limited to N calls a second serves many more lookups than N when they come in bursts.
 * One call in flight at a time; `fetch` answers for the keys it found and omits the rest.
 */
export class Batcher<K, V> {
    private waiting: Array<{ key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }> = [];
    private running = false;

    constructor(
        private readonly fetch: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
        private readonly maxBatch: number,
    ) {}

    /** The value for `key`, or undefined when the batched call did not return it. */
    get(key: K): Promise<V | undefined> {
        return new Promise((resolve, reject) => {
            this.waiting.push({ key, resolve, reject });
            if (!this.running) void this.drain();
        });
    }

    private async drain(): Promise<void> {
        this.running = true;
        try {
            while (this.waiting.length > 0) {
                const batch = this.waiting.splice(0, this.maxBatch);
                try {
                    const found = await this.fetch([...new Set(batch.map((w) => w.key))]);
                    for (const w of batch) w.resolve(found.get(w.key));
                } catch (error) {
                    for (const w of batch) w.reject(error);
                }
            }
        } finally {
            this.running = false;
        }
    }
}

/**
 * Turns single lookups into batched calls: the first lookup goes at once, and lookups made while a
 * call is in flight (or waiting for its rate-limit permit) go together in the next one, so a vendor
 * read limited to N calls a second serves many more lookups than N when they come in bursts.
 * One call in flight at a time; `fetch` answers for the keys it found and omits the rest. With
 * `ready`, a batch is formed only once `ready` says a call could go at once (its permit is free):
 * lookups made while the batcher waits for that join it, instead of waiting behind a call that
 * itself waits.
 */
export class Batcher<K, V> {
    private waiting: Array<{ key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }> = [];
    private running = false;

    constructor(
        private readonly fetch: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
        private readonly maxBatch: number,
        private readonly ready?: () => Promise<void>,
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
                let batch: typeof this.waiting = [];
                try {
                    if (this.ready) await this.ready();
                    batch = this.waiting.splice(0, this.maxBatch);
                    const found = await this.fetch([...new Set(batch.map((w) => w.key))]);
                    for (const w of batch) w.resolve(found.get(w.key));
                } catch (error) {
                    // A failed wait fails everyone who was waiting for it.
                    for (const w of batch.length > 0 ? batch : this.waiting.splice(0)) w.reject(error);
                }
            }
        } finally {
            this.running = false;
        }
    }
}

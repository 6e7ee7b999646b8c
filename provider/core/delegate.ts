import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * A provider object that forwards every call to the implementation `load()` returns.
 *
 * Pulumi serializes the provider object given to a dynamic resource into state (twice per
 * resource) and runs that text for refresh and delete. Each resource type's forwarder is the whole
 * export of a module of its own (`<vendor>/<type>Forwarder.ts`, `export =`): the serializer writes
 * an object that is some module's exports as one `require("pulumi-cloudcerts/dist/...")` (about
 * 300 bytes), where a plain object's functions go out by value (2.4 KB). State stays small, and fixes
 * to the installed package reach refresh and delete of resources created by older versions. State
 * from versions that stored this object by value still works: `load` is written as
 * `() => impl` with `impl` imported from the implementation's module, which that text requires.
 */
export function delegateTo<I, O>(load: () => dynamic.ResourceProvider<I, O>): Required<dynamic.ResourceProvider<I, O>> {
    return {
        configure: (req) => load().configure?.(req) ?? Promise.resolve(),
        check: (olds, news) => load().check?.(olds, news) ?? Promise.resolve({ inputs: news }),
        diff: (id, olds, news) => load().diff?.(id, olds, news) ?? Promise.resolve({}),
        create: (inputs) => load().create(inputs),
        read: (id, props) => load().read?.(id, props) ?? Promise.resolve({ id, props }),
        update: (id, olds, news) => load().update?.(id, olds, news) ?? Promise.resolve({ outs: { ...olds, ...news } as unknown as O }),
        delete: (id, props) => load().delete?.(id, props) ?? Promise.resolve(),
    };
}

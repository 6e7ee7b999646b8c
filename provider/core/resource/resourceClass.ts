import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_EXPIRY_WARNING_DAYS, expiryOf, expiryWarning } from "./expiry";
import { keysWhere, NAME_KEY, type InputSpec } from "./table";

/** What the class side needs of a definition: its tables. */
export interface ResourceTables {
    readonly name: string;
    readonly inputs: object;
    readonly outputs: object;
    readonly certificateInput?: string;
}

/** Every property that must be secret in state: secret inputs and secret outputs, from the tables. */
export function secretProperties(definition: ResourceTables): string[] {
    const outputs = Object.entries(definition.outputs as Record<string, { secret?: boolean }>)
        .filter(([, spec]) => spec.secret === true)
        .map(([key]) => key);
    return [...keysWhere(definition.inputs as Record<string, InputSpec>, (s) => s.secret === true), ...outputs];
}

/**
 * The props and options a resource class hands to `pulumi.dynamic.Resource`: every input and
 * output seeded (so the class's declared outputs are filled), secret inputs wrapped as secrets whatever the
 * caller passed, the secret list for additionalSecretOutputs, and the logical name for auto-naming.
 */
export function resourceProps(
    definition: ResourceTables,
    name: string,
    args: object | undefined,
    opts: pulumi.CustomResourceOptions | undefined,
): { props: pulumi.Inputs; opts: pulumi.CustomResourceOptions } {
    const given = (args ?? {}) as Record<string, pulumi.Input<unknown> | undefined>;
    const props: pulumi.Inputs = {};
    // Every input and output is seeded, so the engine's values reach the class even where the
    // program gave none (an auto-name, or every property of a `get`).
    for (const key of [...Object.keys(definition.inputs), ...Object.keys(definition.outputs)]) props[key] = undefined;
    for (const [key, value] of Object.entries(given)) props[key] = value;
    for (const key of keysWhere(definition.inputs as Record<string, InputSpec>, (s) => s.secret === true)) {
        if (given[key] !== undefined) props[key] = pulumi.secret(given[key]);
    }
    props[NAME_KEY] = name;
    return { props, opts: pulumi.mergeOptions(opts, { additionalSecretOutputs: secretProperties(definition) }) };
}

/**
 * Warns on the resource (shown by preview and up) when its certificate expires within
 * expiryWarningDays, or has expired: an expiring certificate is a warning, never a failure.
 */
export function warnOnExpiry(resource: pulumi.Resource, definition: ResourceTables, args: object | undefined): void {
    const key = definition.certificateInput;
    if (key === undefined || args === undefined) return;
    const given = args as Record<string, pulumi.Input<unknown> | undefined>;
    if (given[key] === undefined) return;
    pulumi.all([given[key], given.expiryWarningDays]).apply(([pem, days]) => {
        const warningDays = typeof days === "number" ? days : DEFAULT_EXPIRY_WARNING_DAYS;
        const message = expiryWarning(definition.name, expiryOf(typeof pem === "string" ? pem : undefined), warningDays, new Date());
        if (message !== undefined) void pulumi.log.warn(message, resource);
    });
}

/**
 * Lowers Error.stackTraceLimit to 0 until the returned function is called; a resource class wraps
 * its `super(...)` call in it. Pulumi's SDK captures a stack trace for each of the four promises
 * behind every property of a resource (kept only for its promise-leak report), and under ts-node,
 * which the Node.js language host loads, each capture is source-mapped frame by frame. A class
 * here seeds every input and output (25 for TencentCertificate), so those traces cost ~40 ms per
 * resource, most of a `pulumi preview`. The source position Pulumi records for the resource comes
 * from a trace it takes with its own unlimited depth, and is kept.
 */
export function shallowStackTraces(): () => void {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    return () => {
        Error.stackTraceLimit = limit;
    };
}

/** What a resource class is: its provider (a forwarder module), its definition's tables and its type token's parts. */
export interface ResourceKind {
    readonly provider: pulumi.dynamic.ResourceProvider;
    readonly definition: ResourceTables;
    /** The type token is `pulumi-nodejs:dynamic/<module>:<type>`; state keys resources by it. */
    readonly module: string;
    readonly type: string;
}

/**
 * The base of every resource class: the props from the definition's tables (resourceProps), the
 * expiry warning, and the shallow stack traces around registration (shallowStackTraces).
 */
export abstract class DefinedResource extends pulumi.dynamic.Resource {
    protected constructor(kind: ResourceKind, name: string, args: object | undefined, opts: pulumi.CustomResourceOptions | undefined) {
        const restore = shallowStackTraces();
        try {
            const resource = resourceProps(kind.definition, name, args, opts);
            super(kind.provider, name, resource.props, resource.opts, kind.module, kind.type);
            warnOnExpiry(this, kind.definition, args);
        } finally {
            restore();
        }
    }
}

// Lint rules for the package, the emulator, the tests and the bench. Type-aware rules are left
// out to keep `npm test` quick on two cores; tsc --noEmit does the type checking.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "examples/**/node_modules/**", ".tmp/**", "**/*.cjs", "**/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { ecmaVersion: 2022, sourceType: "module" },
        rules: {
            // `any` stays out of the public API; where a test needs one it says so.
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
            // The unknown sentinel and control-character checks need control characters in regexes.
            "no-control-regex": "off",
            eqeqeq: ["error", "always"],
            "prefer-const": "error",
        },
    },
    {
        // The bench's Pulumi programs are plain CommonJS, run by the engine's Node without a compiler.
        files: ["bench/programs/**/*.js"],
        languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // The emulator may use a provider signer (proved against the vendors' vectors and SDKs)
        // and nothing else of the provider: it must stay an independent check of it.
        files: ["emulator/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        {
                            regex: "^(\\.\\./)+provider/(?!(tencent|huawei|alibaba|scloud)/sign$|core/signing/)",
                            message: "The emulator may import only a provider signer (provider/<vendor>/sign or provider/core/signing): it must stay an independent check of the provider.",
                        },
                    ],
                },
            ],
        },
    },
);

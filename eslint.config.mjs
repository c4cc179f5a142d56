import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {ignores: ["build/**", "node_modules/**", "bench/out/**", "eslint.config.mjs", ".dependency-cruiser.cjs"]},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", {fixStyle: "separate-type-imports"}],
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_"}],
      "no-console": "off",
    },
  },
  {
    // Pack code runs in Coda's isolate: no console, no Node built-ins.
    files: ["pack/**/*.ts", "formulas/**/*.ts", "sync-tables/**/*.ts", "companions/**/*.ts"],
    rules: {
      "no-console": "error",
      "no-restricted-imports": [
        "error",
        {
          paths: [
            "fs",
            "path",
            "http",
            "https",
            "crypto",
            "util",
            "zod",
            {name: "luxon", message: "luxon is the tests' oracle (76 KB of bundle): use pack/core/zoned.ts."},
          ],
          patterns: ["node:*"],
        },
      ],
    },
  },
);

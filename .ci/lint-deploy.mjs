// Validates deploy/ offline with checkers installed from npm by .ci/run (nothing here can build an image or reach a cluster):
//  - every Kubernetes manifest in deploy/k8s/ against the Kubernetes OpenAPI schema (kubernetes-models: one generated
//    validator per API type), plus what the sweep needs of its Indexed Job (shard count = completions, --shard auto);
//  - deploy/Dockerfile with two Dockerfile linters: dockerfile-utils (syntax and instruction checks) and dockerfilelint
//    (best practices).
// Usage: node .ci/lint-deploy.mjs TOOLS_DIR DEPLOY_DIR   Exit code 1 when any file has a finding.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, deployDir] = process.argv.slice(2);
if (!toolsDir || !deployDir) {
  console.error("usage: node .ci/lint-deploy.mjs TOOLS_DIR DEPLOY_DIR");
  process.exit(2);
}

const require = createRequire(join(toolsDir, "package.json"));
const YAML = require("yaml");
let findings = 0;
const report = (file, message) => {
  console.error(`${file}: ${message}`);
  findings++;
};

// kubernetes-models lays out one ES module per type: <group>/<version>/<Kind>.js (the core group is plain "v1"); its
// package exports only the group indexes, so the type's file is imported by path.
async function modelFor(apiVersion, kind) {
  const entry = join(toolsDir, "node_modules", "kubernetes-models", ...apiVersion.split("/"), `${kind}.js`);
  return (await import(pathToFileURL(entry).href))[kind];
}

const k8sDir = join(deployDir, "k8s");
const manifests = readdirSync(k8sDir).filter((f) => f.endsWith(".yaml")).map((f) => join(k8sDir, f));
for (const file of manifests) {
  const documents = YAML.parseAllDocuments(readFileSync(file, "utf8"));
  for (const document of documents) {
    for (const error of document.errors) {
      report(file, `YAML: ${error.message}`);
    }

    const object = document.toJS();
    if (!object?.apiVersion || !object?.kind) {
      report(file, "expected a Kubernetes object with apiVersion and kind");
      continue;
    }

    let Model;
    try {
      Model = await modelFor(object.apiVersion, object.kind);
    } catch {
      report(file, `unknown API type ${object.apiVersion} ${object.kind}`);
      continue;
    }

    try {
      new Model(object).validate();
    } catch (error) {
      for (const e of error.errors ?? [error]) {
        report(file, `${object.kind} ${object.metadata?.name}: ${e.instancePath ?? ""} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
      }
    }

    // What the sweep itself needs of an Indexed Job running --shard auto.
    const spec = object.spec ?? {};
    for (const container of spec.template?.spec?.containers ?? []) {
      const args = container.args ?? [];
      const auto = args.some((a, i) => a === "--shard" && args[i + 1] === "auto");
      if (!auto) {
        continue;
      }

      if (object.kind !== "Job" || spec.completionMode !== "Indexed") {
        report(file, `${container.name}: --shard auto reads JOB_COMPLETION_INDEX, which only an Indexed Job sets (spec.completionMode: Indexed)`);
      }

      const shards = (container.env ?? []).find((e) => e.name === "SEGMENTATION_SHARDS")?.value;
      if (String(spec.completions) !== shards) {
        report(file, `${container.name}: SEGMENTATION_SHARDS=${shards} must equal spec.completions=${spec.completions}, or shards overlap or go missing`);
      }

      for (const need of ["requests", "limits"]) {
        if (!container.resources?.[need]?.memory || !container.resources?.[need]?.cpu) {
          report(file, `${container.name}: resources.${need} needs cpu and memory`);
        }
      }
    }
  }
}

const dockerfile = join(deployDir, "Dockerfile");
const text = readFileSync(dockerfile, "utf8");
const utils = await import(pathToFileURL(require.resolve("dockerfile-utils")).href);
for (const d of utils.validate(text)) {
  report(dockerfile, `${d.range.start.line + 1}: ${d.message} [dockerfile-utils ${d.code}]`);
}

const dockerfilelint = require("dockerfilelint");
for (const item of dockerfilelint.run(toolsDir, text)) {
  report(dockerfile, `${item.line}: ${item.title}: ${item.description} [dockerfilelint ${item.category}]`);
}

console.log(`deploy lint: ${manifests.length} manifest(s), 1 Dockerfile, ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);

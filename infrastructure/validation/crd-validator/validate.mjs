// Strict validation of custom resources against the schemas of their CRDs.
//
// Usage: node validate.mjs <objects.json>   (a JSON array of Kubernetes objects)
// Prints a JSON array with one entry per object: {"index", "kind", "name", "errors": [...]}.
//
// Two checks per object, both generated from the projects' published CRD OpenAPI schemas by
// the @kubernetes-models packages:
//  1. the package's JSON-schema validator (types, enums, required fields, patterns);
//  2. TypeScript's excess-property and type checking of the object as a literal of the CRD's
//     generated interface: this is what rejects unknown (typo'd) fields, which the JSON-schema
//     validator lets through because CRD schemas do not set additionalProperties: false.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));

// apiVersion/kind -> [module, interface]
const MODELS = {
  "argoproj.io/v1alpha1/Application": ["@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application", "IApplication"],
  "argoproj.io/v1alpha1/AppProject": ["@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject", "IAppProject"],
  "argoproj.io/v1alpha1/Rollout": ["@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout", "IRollout"],
  "argoproj.io/v1alpha1/AnalysisTemplate": ["@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate", "IAnalysisTemplate"],
  "cert-manager.io/v1/Certificate": ["@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate", "ICertificate"],
  "cert-manager.io/v1/ClusterIssuer": ["@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer", "IClusterIssuer"],
  "external-secrets.io/v1/ExternalSecret": ["@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret", "IExternalSecret"],
};

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <objects.json>");
  process.exit(2);
}
const objects = JSON.parse(fs.readFileSync(file, "utf8"));
const results = objects.map((o, index) => ({
  index,
  kind: `${o.apiVersion}/${o.kind}`,
  name: o?.metadata?.name ?? "",
  errors: [],
}));

// 1) JSON-schema validation through the model classes.
for (const [i, o] of objects.entries()) {
  const key = `${o.apiVersion}/${o.kind}`;
  const model = MODELS[key];
  if (!model) {
    results[i].errors.push(`no CRD schema known for ${key}`);
    continue;
  }
  const mod = await import(model[0]);
  const Cls = mod[o.kind];
  try {
    new Cls(o).validate();
  } catch (e) {
    results[i].errors.push(`schema: ${e.message}`);
  }
}

// 2) TypeScript excess-property/type check, one object per line of a generated file.
const workDir = fs.mkdtempSync(path.join(here, ".tsbuild-"));
try {
  const lines = [];
  const lineToIndex = new Map();
  const imported = new Set();
  for (const [i, o] of objects.entries()) {
    const model = MODELS[`${o.apiVersion}/${o.kind}`];
    if (model && !imported.has(model[1])) {
      lines.push(`import type { ${model[1]} } from "${model[0]}";`);
      imported.add(model[1]);
    }
  }
  for (const [i, o] of objects.entries()) {
    const model = MODELS[`${o.apiVersion}/${o.kind}`];
    if (!model) continue;
    lineToIndex.set(lines.length, i);
    lines.push(`export const o${i}: ${model[1]} = ${JSON.stringify(o)};`);
  }
  const source = path.join(workDir, "objects.ts");
  fs.writeFileSync(source, lines.join("\n") + "\n");
  const program = ts.createProgram([source], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
    baseUrl: here,
    typeRoots: [],
  });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file || path.resolve(d.file.fileName) !== path.resolve(source)) {
      // A problem outside the generated file means the checker itself is broken: report it on every object.
      for (const r of results) r.errors.push(`typescript: ${message}`);
      continue;
    }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const idx = lineToIndex.get(line);
    if (idx === undefined) {
      for (const r of results) r.errors.push(`typescript (imports): ${message}`);
    } else {
      results[idx].errors.push(`fields: ${message}`);
    }
  }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}

process.stdout.write(JSON.stringify(results));

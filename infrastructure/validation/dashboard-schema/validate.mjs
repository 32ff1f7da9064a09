// Validates Grafana dashboards against dashboard.schema.json (generated from @grafana/schema by generate.mjs).
//
// Usage: node validate.mjs <dashboard.json>...
// Prints a JSON array, one entry per file: {"file", "errors": ["<where>: <path> <message>", ...]}.
//
// Checked, each part against its own definition so that an error names the panel it is in:
//  - the dashboard itself (panels left out) against GrafanaDashboard;
//  - each row against GrafanaRowPanel, each panel (top level or inside a row) against GrafanaPanel;
//  - a panel's options and fieldConfig.defaults.custom against its plugin's generated types (the generic
//    Panel type leaves both open): a panel type without a known schema is an error, not a pass;
//  - each target against PrometheusQuery;
//  - finally the whole dashboard against GrafanaDashboard again, so nothing escapes the split.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(fs.readFileSync(path.join(here, "dashboard.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema, "dashboard.schema.json");
const validator = (name) => ajv.getSchema(`dashboard.schema.json#/definitions/${name}`);

// Panel plugin id -> [options definition, field-config (custom) definition or null when it has none].
const PLUGINS = {
  timeseries: ["TimeseriesOptions", "TimeseriesFieldConfig"],
  stat: ["StatOptions", null],
  bargauge: ["BargaugeOptions", null],
  heatmap: ["HeatmapOptions", "HeatmapFieldConfig"],
  table: ["TableOptions", "TableFieldConfig"],
  "state-timeline": ["StateTimelineOptions", "StateTimelineFieldConfig"],
};

function check(name, value, where, errors) {
  const validate = validator(name);
  if (!validate) throw new Error(`no definition ${name} in dashboard.schema.json`);
  if (!validate(value)) {
    for (const e of validate.errors) {
      const params = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : "";
      errors.push(`${where}: ${e.instancePath || "/"} ${e.message}${params} [${name}]`);
    }
  }
}

function checkPanel(panel, where, errors) {
  check("GrafanaPanel", panel, where, errors);
  const plugin = PLUGINS[panel.type];
  if (!plugin) {
    errors.push(`${where}: no schema for panel type '${panel.type}' (add its panelcfg types to types.ts)`);
    return;
  }
  check(plugin[0], panel.options ?? {}, `${where} options`, errors);
  const custom = panel.fieldConfig?.defaults?.custom;
  if (plugin[1]) {
    check(plugin[1], custom ?? {}, `${where} fieldConfig.defaults.custom`, errors);
  } else if (custom !== undefined && Object.keys(custom).length > 0) {
    errors.push(`${where}: fieldConfig.defaults.custom is set, but a ${panel.type} panel has no custom field config`);
  }
  for (const [i, target] of (panel.targets ?? []).entries()) {
    check("PrometheusQuery", target, `${where} target ${target?.refId ?? i}`, errors);
  }
}

const results = [];
for (const file of process.argv.slice(2)) {
  const errors = [];
  let dashboard;
  try {
    dashboard = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    results.push({ file, errors: [`not JSON: ${e.message}`] });
    continue;
  }
  check("GrafanaDashboard", { ...dashboard, panels: [] }, "dashboard", errors);
  for (const [i, panel] of (dashboard.panels ?? []).entries()) {
    const where = `panel '${panel?.title ?? ""}' (#${i}, id ${panel?.id}, ${panel?.type})`;
    if (panel?.type === "row") {
      check("GrafanaRowPanel", { ...panel, panels: [] }, where, errors);
      for (const [j, inner] of (panel.panels ?? []).entries()) {
        checkPanel(inner, `${where} / panel '${inner?.title ?? ""}' (#${j}, id ${inner?.id}, ${inner?.type})`, errors);
      }
    } else {
      checkPanel(panel, where, errors);
    }
  }
  if (errors.length === 0) {
    check("GrafanaDashboard", dashboard, "dashboard (whole)", errors);
  }
  results.push({ file, errors });
}
process.stdout.write(JSON.stringify(results));

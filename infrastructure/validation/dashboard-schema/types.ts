// Root types of the dashboard JSON schema (generate.mjs turns them into dashboard.schema.json).
//
// Everything except PrometheusQuery comes from @grafana/schema (pinned in package.json to the Grafana
// version the manifests deploy): the dashboard model (veneer Dashboard/Panel/RowPanel/VariableModel) and
// the panel plugins' generated option and field-config types (panelcfg), which the generic Panel type
// leaves as Record<string, unknown>.
import type { Dashboard, Panel, RowPanel, VariableModel } from "@grafana/schema";
import type { DataQuery } from "@grafana/schema/dist/esm/common/common.gen";
import type * as TimeSeries from "@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen";
import type * as Stat from "@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen";
import type * as BarGauge from "@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen";
import type * as Heatmap from "@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen";
import type * as Table from "@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen";
import type * as StateTimeline from "@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen";

export type GrafanaDashboard = Dashboard;
export type GrafanaPanel = Panel;
export type GrafanaRowPanel = RowPanel;
export type GrafanaVariable = VariableModel;

/**
 * A Prometheus target. @grafana/schema 11.5 has no type for it (the Prometheus data source keeps its
 * dataquery.gen.ts inside Grafana), so this mirrors the fields of Grafana's PromQuery that panels use;
 * unknown fields are rejected.
 */
export interface PrometheusQuery extends DataQuery {
  /** The PromQL expression. */
  expr: string;
  editorMode?: "code" | "builder";
  exemplar?: boolean;
  format?: "time_series" | "table" | "heatmap";
  instant?: boolean;
  interval?: string;
  intervalFactor?: number;
  legendFormat?: string;
  range?: boolean;
}

export type TimeseriesOptions = TimeSeries.Options;
export type TimeseriesFieldConfig = TimeSeries.FieldConfig;
export type StatOptions = Stat.Options;
export type BargaugeOptions = BarGauge.Options;
export type HeatmapOptions = Heatmap.Options;
export type HeatmapFieldConfig = Heatmap.FieldConfig;
export type TableOptions = Table.Options;
export type TableFieldConfig = Table.FieldConfig;
export type StateTimelineOptions = StateTimeline.Options;
export type StateTimelineFieldConfig = StateTimeline.FieldConfig;

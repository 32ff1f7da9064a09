package ai.callcenter.tools.tracking;

import ai.callcenter.ml.evaluation.CalibrationBin;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.CoveragePoint;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The pictures of a run, as PNG bytes (XChart, rendered headless). */
public final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;
    /** Beyond this many classes the confusion matrix has no room for axis labels. */
    private static final int MAX_LABELLED_CLASSES = 30;

    private Charts() {
    }

    /** Rows true labels, columns predicted, each row normalised to the share of its tickets. */
    public static byte[] confusionMatrix(ClassificationReport report) {
        ClassificationReport.ConfusionMatrix matrix = report.confusionMatrix();
        List<String> labels = matrix.labels();
        int k = labels.size();
        List<String> columns = labels.stream().map(Charts::shorten).toList();
        List<String> rows = new ArrayList<>(columns);
        java.util.Collections.reverse(rows);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            int support = 0;
            for (int p = 0; p < k; p++) {
                support += matrix.counts()[t][p];
            }
            for (int p = 0; p < k; p++) {
                double share = support == 0 ? 0 : (double) matrix.counts()[t][p] / support;
                cells.add(new Number[] {p, k - 1 - t, share});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Confusion matrix (row share; rows true, columns predicted)").build();
        HeatMapStyler styler = chart.getStyler();
        styler.setPlotContentSize(1);
        styler.setShowValue(false);
        styler.setLegendVisible(true);
        styler.setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08306b)});
        styler.setXAxisTicksVisible(k <= MAX_LABELLED_CLASSES);
        styler.setYAxisTicksVisible(k <= MAX_LABELLED_CLASSES);
        styler.setXAxisLabelRotation(45);
        chart.addSeries("share", columns, rows, cells);
        return png(chart);
    }

    /** Accuracy against mean confidence per confidence bin, with the diagonal a calibrated model follows. */
    public static byte[] reliability(ClassificationReport report) {
        List<Double> confidence = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (CalibrationBin bin : report.reliability()) {
            if (bin.count() > 0) {
                confidence.add(bin.meanConfidence());
                accuracy.add(bin.accuracy());
            }
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format("Reliability (ECE %.4f)", report.ece())).xAxisTitle("mean confidence in bin")
                .yAxisTitle("accuracy in bin").build();
        axes01(chart);
        chart.addSeries("calibrated", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        chart.addSeries("model", confidence, accuracy);
        return png(chart);
    }

    /** Share of tickets kept and their accuracy at each confidence threshold. */
    public static byte[] coverage(ClassificationReport report) {
        List<Double> threshold = new ArrayList<>();
        List<Double> coverage = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (CoveragePoint point : report.coverageCurve()) {
            threshold.add(point.threshold());
            coverage.add(point.coverage());
            accuracy.add(Double.isNaN(point.accuracy()) ? 1.0 : point.accuracy());
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Coverage and accuracy by confidence threshold")
                .xAxisTitle("confidence threshold").yAxisTitle("share").build();
        axes01(chart);
        chart.addSeries("coverage (tickets answered automatically)", threshold, coverage);
        chart.addSeries("accuracy on them", threshold, accuracy);
        return png(chart);
    }

    /**
     * The router's validation curve: cascade accuracy and the share sent to the second model at each
     * first-model threshold ({@code threshold}, {@code accuracy}, {@code second_share} per point).
     */
    public static byte[] thresholdCurve(List<Map<String, Object>> curve) {
        List<Double> threshold = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        for (Map<String, Object> point : curve) {
            threshold.add(Math.min(1.0, ((Number) point.get("threshold")).doubleValue()));
            accuracy.add(((Number) point.get("accuracy")).doubleValue());
            share.add(((Number) point.get("second_share")).doubleValue());
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Cascade by first-model threshold (validation)")
                .xAxisTitle("first-model confidence threshold").yAxisTitle("share").build();
        axes01(chart);
        chart.addSeries("cascade accuracy", threshold, accuracy);
        chart.addSeries("share sent to the second model", threshold, share);
        return png(chart);
    }

    private static void axes01(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(1.0);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(1.0);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }

    private static String shorten(String label) {
        return label.length() <= 18 ? label : label.substring(0, 17) + "…";
    }

    private static byte[] png(Chart<?, ?> chart) {
        System.setProperty("java.awt.headless", "true");
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + chart.getTitle(), e);
        }
    }
}

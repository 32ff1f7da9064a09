package ai.callcenter.tools.tracking;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that log a run when {@code MLFLOW_TRACKING_URI} is set. */
public final class TrackingOptions {

    @Option(names = "--registered-model", paramLabel = "NAME",
            description = "the model's name in the MLflow registry (default: ticket-TYPE, what the services follow)")
    String registeredModel;

    @Option(names = "--experiment", paramLabel = "NAME",
            description = "MLflow experiment of the run when MLFLOW_TRACKING_URI is set (default: the data file's directory name)")
    String experiment;

    /** The registry name given, else {@code ticket-TYPE}. */
    public String registeredModelOr(String type) {
        return registeredModel != null && !registeredModel.isBlank() ? registeredModel : "ticket-" + type;
    }

    /** The experiment given, else the dataset's name: the directory its file is in (banking77/train.csv is banking77). */
    public String experimentFor(Path data) {
        if (experiment != null && !experiment.isBlank()) {
            return experiment;
        }
        Path parent = data.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? "default" : parent.getFileName().toString();
    }
}

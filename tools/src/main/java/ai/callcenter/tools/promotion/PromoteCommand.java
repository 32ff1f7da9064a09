package ai.callcenter.tools.promotion;

import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.FittedRoutingFiles;
import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.ModelEvaluation;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.mlflow.ModelDownloads;
import ai.callcenter.mlflow.ModelRegistry;
import ai.callcenter.mlflow.ModelVersion;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import ai.callcenter.tools.routing.ClassifierUrls;
import ai.callcenter.tools.routing.RouterHoldout;
import ai.callcenter.tools.tracking.TrackingOptions;
import ai.callcenter.tools.tracking.TrackingServer;
import ai.callcenter.tools.training.ModelTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Compares a registered version with the current champion on the same hold-out tickets and moves the
 * alias only when the rule allows it ({@link PromotionRule}); the comparison is logged as a run
 * either way. The services that follow the alias pick the new version up on their next poll.
 */
@Command(name = "promote", usageHelpWidth = 120, sortOptions = false,
        description = "Move a model's champion alias to a candidate version when it is not worse on hold-out tickets (MLflow registry).",
        footer = {"", "Needs MLFLOW_TRACKING_URI. The hold-out file must be data neither version trained on.", "",
                "Examples:",
                "  callcenter promote --model tfidf --data models/default-data/test.csv --text-col text --label-col label",
                "  callcenter promote --model router --data models/default-data/test.csv --text-col text --label-col label \\",
                "      --first-url http://127.0.0.1:8001 --second-url http://127.0.0.1:8002 --version 4"})
public final class PromoteCommand implements Callable<Integer> {

    static final String ROUTER = "router";

    // No mixinStandardHelpOptions: its --version would take the candidate's --version.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--model", required = true, paramLabel = "TYPE",
            description = "tfidf, transformer or router (registered as ticket-TYPE)")
    String model;

    @Mixin
    CsvColumns columns;

    @Option(names = "--data", required = true, paramLabel = "HOLDOUT.csv", description = "labelled hold-out tickets")
    Path data;

    @Option(names = "--version", paramLabel = "N", description = "the candidate (default: the latest registered version)")
    String version;

    @Option(names = "--alias", defaultValue = "champion", paramLabel = "ALIAS", description = "the alias the services follow (default: ${DEFAULT-VALUE})")
    String alias;

    @Option(names = "--tolerance", defaultValue = "0.005", paramLabel = "A",
            description = "hold-out accuracy the candidate may lose against the champion (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--ece-tolerance", defaultValue = "0.0", paramLabel = "E",
            description = "expected calibration error the candidate may add (default: ${DEFAULT-VALUE}: not worse)")
    double eceTolerance;

    @Option(names = "--force", description = "move the alias whatever the comparison says (the run records it as forced)")
    boolean force;

    @Mixin
    ClassifierUrls urls;

    @Mixin
    TrackingOptions tracking;

    @Spec
    CommandSpec spec;

    private final Console console;
    private final ModelTypes modelTypes;

    public PromoteCommand(Console console, ModelTypes modelTypes) {
        this.console = console;
        this.modelTypes = modelTypes;
    }

    @Override
    public Integer call() throws IOException {
        if (!model.equals(ROUTER) && !modelTypes.names().contains(model)) {
            throw new ParameterException(spec.commandLine(), "--model must be one of " + modelTypes.names() + " or " + ROUTER);
        }
        PromotionRule rule;
        try {
            rule = new PromotionRule(tolerance, eceTolerance);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TrackingServer server = TrackingServer.configured().orElseThrow(() -> new IllegalArgumentException(
                "promote works on the MLflow registry: set " + TrackingServer.ENVIRONMENT)).requireReachable();
        String name = tracking.registeredModelOr(model);
        ModelRegistry registry = server.registry();
        ModelVersion candidate = version != null ? registry.version(name, version)
                : registry.latest(name).orElseThrow(() -> new IllegalArgumentException("no version of " + name
                + " is registered yet; train one with " + TrackingServer.ENVIRONMENT + " set"));
        Optional<ModelVersion> champion = registry.byAlias(name, alias);
        Dataset holdout = Datasets.read(data, columns.text, columns.label, console);
        refuseTrainingData(holdout, candidate, "candidate");
        champion.ifPresent(c -> refuseTrainingData(holdout, c, alias));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("registered_model", name);
        result.put("alias", alias);
        result.put("candidate_version", candidate.version());
        result.put("champion_version", champion.map(ModelVersion::version).orElse(null));
        if (champion.isPresent() && champion.get().version().equals(candidate.version())) {
            String reason = "version " + candidate.version() + " already is the " + alias;
            console.err().printf("%s%n", reason);
            result.put("promoted", false);
            result.put("reason", reason);
            console.result(result);
            return 0;
        }

        Path downloads = Files.createTempDirectory("callcenter-promote");
        try {
            ModelDownloads copies = new ModelDownloads(server.artifacts(), downloads);
            Scorer scorer = model.equals(ROUTER) ? routerScorer(holdout) : modelScorer(holdout);
            console.err().printf("scoring %s version %s on %d hold-out tickets ...%n", name, candidate.version(), holdout.examples().size());
            ScoredVersion scoredCandidate = scorer.score(candidate, copies.fetch(candidate));
            Optional<ScoredVersion> scoredChampion = Optional.empty();
            if (champion.isPresent()) {
                console.err().printf("scoring the %s, version %s ...%n", alias, champion.get().version());
                scoredChampion = Optional.of(scorer.score(champion.get(), copies.fetch(champion.get())));
            }
            PromotionRule.Decision decision = rule.decide(scoredCandidate.report(), scoredChampion.map(ScoredVersion::report), force);
            console.err().printf("%s: %s%n", decision.promote()
                    ? "promoting version " + candidate.version() + " to " + alias
                    : "keeping version " + champion.map(ModelVersion::version).orElse("?") + " as the " + alias, decision.reason());
            String experiment = tracking.experimentFor(data);
            result.putAll(PromotionRuns.record(server, experiment, alias, scoredCandidate, scoredChampion, decision,
                    runSettings(holdout)));
            result.put("promoted", decision.promote());
            result.put("forced", decision.forced());
            result.put("reason", decision.reason());
            result.put("candidate", figures(scoredCandidate));
            result.put("champion", scoredChampion.map(PromoteCommand::figures).orElse(null));
            console.result(result);
            return 0;
        } finally {
            delete(downloads);
        }
    }

    /** Scores one downloaded version on the hold-out tickets. */
    private interface Scorer {
        ScoredVersion score(ModelVersion version, Path files);
    }

    private Scorer modelScorer(Dataset holdout) {
        return (version, files) -> {
            TextClassifier classifier = modelTypes.named(model).load(files);
            try {
                ClassificationReport report = ModelEvaluation.evaluate(classifier, holdout.examples(), new Progress(console.err()));
                return new ScoredVersion(version, report, Map.of());
            } finally {
                ModelTypes.release(classifier);
            }
        };
    }

    private Scorer routerScorer(Dataset holdout) {
        RouterHoldout routed = RouterHoldout.collect(holdout, urls.first(), urls.second(), console);
        return (version, files) -> {
            FittedRouting routing = FittedRoutingFiles.read(files.resolve(FittedRoutingFiles.REGISTERED_FILE));
            return new ScoredVersion(version, routed.score(routing), Map.of("second_share", routed.secondShare(routing)));
        };
    }

    /** A model is never judged on the tickets it learnt from. */
    private void refuseTrainingData(Dataset holdout, ModelVersion version, String role) {
        if (holdout.sha256().equals(version.tags().get("data_sha256"))) {
            throw new IllegalArgumentException(data + " is the data version " + version.version() + " (" + role
                    + ") was trained or fitted on; promote on hold-out tickets it never saw");
        }
    }

    private Map<String, String> runSettings(Dataset holdout) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data_file", data.getFileName().toString());
        settings.put("data_sha256", holdout.sha256());
        settings.put("n_holdout", Integer.toString(holdout.examples().size()));
        settings.put("accuracy_tolerance", Double.toString(tolerance));
        settings.put("ece_tolerance", Double.toString(eceTolerance));
        return settings;
    }

    private static Map<String, Object> figures(ScoredVersion scored) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("version", scored.version().version());
        figures.put("accuracy", round(scored.report().accuracy()));
        figures.put("macro_f1", round(scored.report().macroF1()));
        figures.put("ece", round(scored.report().ece()));
        scored.extra().forEach((k, v) -> figures.put(k, round(v)));
        return figures;
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6f", value));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the downloads in " + dir, e);
        }
    }
}

package ai.callcenter.tools.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import ai.callcenter.mlflow.MlflowRuns.LoggedRun;
import ai.callcenter.mlflow.ModelRegistry;
import ai.callcenter.mlflow.ModelVersion;
import ai.callcenter.testing.FakeClassifierServer;
import ai.callcenter.testing.MlflowServer;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import ai.callcenter.tools.tracking.TrackingServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promote against the real MLflow registry: two tfidf versions, a sound one and one trained on
 * systematically mislabelled tickets, compared on the same hold-out tickets. Each test registers
 * under a name of its own, so the developer's ticket-* models never get test versions.
 */
class PromoteCommandTest {

    static URI mlflow;
    static ModelRegistry registry;

    @BeforeAll
    static void start() {
        mlflow = MlflowServer.uri();
        registry = new ModelRegistry(new MlflowRest(mlflow, Duration.ofMinutes(1)));
        System.setProperty("callcenter.language.languages", "ENGLISH,GERMAN");
        System.setProperty(TestPiiModels.PROPERTY, TestPiiModels.directory().toString());
        System.setProperty(TrackingServer.PROPERTY, mlflow.toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("callcenter.language.languages");
        System.clearProperty(TestPiiModels.PROPERTY);
        System.clearProperty(TrackingServer.PROPERTY);
    }

    static final List<String> TOPICS = List.of("card", "transfer", "refund");
    static final List<String> WORDINGS = List.of("my %s does not work", "question about my %s", "help with the %s please",
            "what happened to my %s", "the %s is wrong again");

    /** Tickets numbered from {@code from}; with {@code mislabel}, card tickets of three wordings in five are labelled refund. */
    static Path tickets(Path file, int from, int n, boolean mislabel) throws IOException {
        List<String> lines = new ArrayList<>(List.of("text,label"));
        for (int i = from; i < from + n; i++) {
            String topic = TOPICS.get(i % 3);
            int wording = i / 3 % WORDINGS.size();
            String label = mislabel && topic.equals("card") && wording < 3 ? "refund" : topic;
            lines.add("\"" + WORDINGS.get(wording).formatted(topic) + " " + i + "\"," + label);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return file;
    }

    static String trainVersion(Path data, Path out, String registered, String experiment) {
        CommandRun train = CommandRun.of("train", "--model", "tfidf", "--data", data.toString(), "--experiment", experiment,
                "--registered-model", registered, "--out", out.toString());
        assertThat(train.exit()).as(train.stderr()).isZero();
        return train.json().get("registered_version").asText();
    }

    static CommandRun promote(Path holdout, String registered, String experiment, String... more) {
        List<String> args = new ArrayList<>(List.of("promote", "--model", "tfidf", "--data", holdout.toString(),
                "--registered-model", registered, "--experiment", experiment));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void theAliasMovesOnlyToACandidateThatIsNotWorseUnlessForced(@TempDir Path dir) throws IOException {
        String experiment = "promote-test-" + UUID.randomUUID();
        String registered = "ticket-tfidf-test-" + UUID.randomUUID();
        String alias = "champion";
        Path holdout = tickets(dir.resolve("holdout").resolve("test.csv"), 10_000, 90, false);
        Path soundData = tickets(dir.resolve("sound").resolve("train.csv"), 0, 300, false);
        String sound = trainVersion(soundData, dir.resolve("sound-model"), registered, experiment);
        String mislabelled = trainVersion(tickets(dir.resolve("mislabelled").resolve("train.csv"), 0, 300, true),
                dir.resolve("mislabelled-model"), registered, experiment);

        CommandRun first = promote(holdout, registered, experiment, "--version", mislabelled);
        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(first.json().get("promoted").asBoolean()).isTrue();
        assertThat(first.json().get("reason").asText()).contains("no champion");
        assertThat(registry.byAlias(registered, alias)).map(ModelVersion::version).contains(mislabelled);

        CommandRun better = promote(holdout, registered, experiment, "--version", sound);
        assertThat(better.exit()).as(better.stderr()).isZero();
        JsonNode moved = better.json();
        assertThat(moved.get("promoted").asBoolean()).as(moved.toString()).isTrue();
        assertThat(moved.get("champion_version").asText()).isEqualTo(mislabelled);
        assertThat(moved.get("candidate").get("accuracy").asDouble())
                .isGreaterThan(moved.get("champion").get("accuracy").asDouble() + 0.1);
        assertThat(registry.byAlias(registered, alias)).map(ModelVersion::version).contains(sound);

        CommandRun worse = promote(holdout, registered, experiment, "--version", mislabelled);
        assertThat(worse.exit()).as(worse.stderr()).isZero();
        assertThat(worse.json().get("promoted").asBoolean()).isFalse();
        assertThat(worse.json().get("reason").asText()).contains("less accurate");
        assertThat(worse.stderr()).contains("keeping version " + sound + " as the " + alias + ": the candidate is less accurate");
        assertThat(registry.byAlias(registered, alias)).map(ModelVersion::version).contains(sound);
        LoggedRun kept = new MlflowRuns(new MlflowRest(mlflow, Duration.ofMinutes(1))).get(worse.json().get("mlflow_run_id").asText());
        assertThat(kept.tags()).containsEntry("decision", "kept").containsEntry("forced", "false");
        assertThat(kept.params()).containsEntry("candidate_version", mislabelled).containsEntry("champion_version", sound);
        assertThat(kept.metrics()).containsKeys("candidate_accuracy", "champion_accuracy", "candidate_ece", "champion_ece",
                "accuracy_delta", "ece_delta");
        assertThat(registry.version(registered, mislabelled).tags()).containsEntry("promotion_decision", "kept");

        CommandRun forced = promote(holdout, registered, experiment, "--version", mislabelled, "--force");
        assertThat(forced.json().get("promoted").asBoolean()).isTrue();
        assertThat(forced.json().get("forced").asBoolean()).isTrue();
        assertThat(registry.byAlias(registered, alias)).map(ModelVersion::version).contains(mislabelled);
        LoggedRun forcedRun = new MlflowRuns(new MlflowRest(mlflow, Duration.ofMinutes(1))).get(forced.json().get("mlflow_run_id").asText());
        assertThat(forcedRun.params()).containsEntry("forced", "true");
        assertThat(forcedRun.tags()).containsEntry("decision", "promoted");

        CommandRun again = promote(holdout, registered, experiment, "--version", mislabelled);
        assertThat(again.json().get("promoted").asBoolean()).isFalse();
        assertThat(again.json().get("reason").asText()).contains("already is the " + alias);

        CommandRun onTrainingData = promote(soundData, registered, experiment, "--version", sound);
        assertThat(onTrainingData.exit()).isEqualTo(1);
        assertThat(onTrainingData.stderr()).contains("trained or fitted on");
    }

    @Test
    void routingVersionsAreComparedOnTheRoutedAnswersOfTheRunningClassifiers(@TempDir Path dir) throws IOException {
        String experiment = "promote-router-test-" + UUID.randomUUID();
        String registered = "ticket-router-test-" + UUID.randomUUID();
        Path validation = tickets(dir.resolve("validation").resolve("val.csv"), 0, 120, false);
        Path holdout = tickets(dir.resolve("holdout").resolve("test.csv"), 10_000, 60, false);
        try (FakeClassifierServer tfidf = new FakeClassifierServer("tfidf-v1", 0.95, 0.5, 0);
             FakeClassifierServer transformer = new FakeClassifierServer("transformer-v1", 0.9, 0.9, 0)) {
            tfidf.blindTo("again");
            List<String> versions = new ArrayList<>();
            for (String tolerance : List.of("0.002", "0.2")) {
                CommandRun fit = CommandRun.of("fit-router", "--data", validation.toString(), "--first-url", tfidf.url(),
                        "--second-url", transformer.url(), "--out", dir.resolve("router.json").toString(), "--min-segment", "10",
                        "--tolerance", tolerance, "--experiment", experiment, "--registered-model", registered);
                assertThat(fit.exit()).as(fit.stderr()).isZero();
                versions.add(fit.json().get("registered_version").asText());
            }
            List<String> urls = List.of("--first-url", tfidf.url(), "--second-url", transformer.url());
            List<String> first = new ArrayList<>(List.of("promote", "--model", "router", "--data", holdout.toString(),
                    "--registered-model", registered, "--experiment", experiment, "--version", versions.get(0)));
            first.addAll(urls);
            CommandRun promoted = CommandRun.of(first.toArray(String[]::new));
            assertThat(promoted.exit()).as(promoted.stderr()).isZero();
            assertThat(promoted.json().get("promoted").asBoolean()).isTrue();
            assertThat(promoted.json().get("candidate").get("accuracy").asDouble()).isEqualTo(1.0);
            assertThat(promoted.json().get("candidate").has("second_share")).isTrue();
            assertThat(registry.byAlias(registered, "champion")).map(ModelVersion::version).contains(versions.get(0));

            // the looser fit gives up the "again" tickets for fewer second calls: less accurate, so it is not promoted
            List<String> second = new ArrayList<>(first.subList(0, first.size() - urls.size() - 1));
            second.add(versions.get(1));
            second.addAll(urls);
            CommandRun compared = CommandRun.of(second.toArray(String[]::new));
            assertThat(compared.exit()).as(compared.stderr()).isZero();
            assertThat(compared.json().get("champion").get("accuracy").asDouble()).isEqualTo(1.0);
            assertThat(compared.json().get("promoted").asBoolean()).as(compared.json().toString())
                    .isEqualTo(compared.json().get("candidate").get("accuracy").asDouble() >= 1.0 - 0.005);
        }
    }

    @Test
    void withoutTrackingOrWithUnknownVersionsPromoteFailsClearly(@TempDir Path dir) throws IOException {
        Path holdout = tickets(dir.resolve("h.csv"), 0, 30, false);
        assertThat(CommandRun.of("promote", "--model", "bogus", "--data", holdout.toString()).exit()).isEqualTo(2);
        assertThat(CommandRun.of("promote", "--model", "tfidf", "--data", holdout.toString(), "--tolerance", "-1").exit())
                .isEqualTo(2);
        CommandRun missing = CommandRun.of("promote", "--model", "tfidf", "--data", holdout.toString(), "--version", "999999");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("999999");

        System.clearProperty(TrackingServer.PROPERTY);
        try {
            CommandRun untracked = CommandRun.of("promote", "--model", "tfidf", "--data", holdout.toString());
            if (System.getenv(TrackingServer.ENVIRONMENT) == null) {
                assertThat(untracked.exit()).isEqualTo(1);
                assertThat(untracked.stderr()).contains("set MLFLOW_TRACKING_URI");
            }
        } finally {
            System.setProperty(TrackingServer.PROPERTY, mlflow.toString());
        }
    }
}

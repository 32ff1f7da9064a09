package ai.callcenter.mlflow.testing;

import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import ai.callcenter.mlflow.MlflowRuns.LoggedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Everything MLflow holds for a run as one searchable text: run name, parameters, metric names and
 * values, tags, and the bytes of every artifact (the model directory included), for the tests that
 * prove no personal data reaches MLflow.
 */
public final class LoggedText {

    private LoggedText() {
    }

    public static String of(URI trackingUri, String runId, Path scratch) {
        MlflowRest rest = new MlflowRest(trackingUri, Duration.ofMinutes(1));
        LoggedRun run = new MlflowRuns(rest).get(runId);
        StringBuilder text = new StringBuilder(run.runName()).append('\n');
        run.params().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        run.metrics().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        run.tags().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path files = scratch.resolve(runId);
        new MlflowArtifacts(rest).downloadDirectory(run.artifactUri(), files);
        try (Stream<Path> all = Files.walk(files)) {
            for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                text.append(file.getFileName()).append('\n')
                        // ISO-8859-1 maps every byte, so binary files cannot fail decoding and ASCII values still match
                        .append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

package ai.callcenter.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Files of runs and model versions through the server's artifact proxy ({@code mlflow server
 * --serve-artifacts}): clients never touch the artifact store itself, and need no Python.
 */
public final class MlflowArtifacts {

    static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";
    private static final String SCHEME = "mlflow-artifacts:";

    /** One entry of a listing: a path relative to the listed directory. */
    public record Entry(String path, boolean directory, long size) {
    }

    private final MlflowRest rest;

    public MlflowArtifacts(MlflowRest rest) {
        this.rest = rest;
    }

    /** Uploads one file to {@code artifactUri/relativePath}. */
    public void upload(String artifactUri, String relativePath, Path file) {
        rest.put(PROXY + "/" + encode(join(storePath(artifactUri), relativePath)), file);
    }

    /** Uploads every file under {@code dir} to {@code artifactUri/relativeDir/...}, keeping the tree. */
    public void uploadDirectory(String artifactUri, String relativeDir, Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                upload(artifactUri, join(relativeDir, relative), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** The entries directly under {@code artifactUri}. */
    public List<Entry> list(String artifactUri) {
        String path = storePath(artifactUri);
        JsonNode files = rest.get(PROXY, Map.of("path", path)).path("files");
        List<Entry> out = new ArrayList<>();
        for (JsonNode f : files) {
            String name = f.path("path").asText();
            int slash = name.lastIndexOf('/');
            out.add(new Entry(slash < 0 ? name : name.substring(slash + 1), f.path("is_dir").asBoolean(), f.path("file_size").asLong()));
        }
        return out;
    }

    /** Downloads the tree under {@code artifactUri} into {@code target} (created); returns the number of files. */
    public int downloadDirectory(String artifactUri, Path target) {
        int files = 0;
        try {
            Files.createDirectories(target);
            for (Entry entry : list(artifactUri)) {
                String child = join(artifactUri, entry.path());
                Path local = target.resolve(entry.path()).normalize();
                if (!local.startsWith(target.normalize())) {
                    throw new MlflowException("artifact path escapes the download directory: " + entry.path(), 200, null, null);
                }
                if (entry.directory()) {
                    files += downloadDirectory(child, local);
                } else {
                    try (InputStream in = rest.download(PROXY + "/" + encode(storePath(child)))) {
                        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
                    }
                    files++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + target, e);
        }
        return files;
    }

    /** {@code mlflow-artifacts:/1/<run>/artifacts/model} → {@code 1/<run>/artifacts/model}. */
    static String storePath(String artifactUri) {
        if (!artifactUri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("artifact URI " + artifactUri + " is not served by the MLflow server's "
                    + "artifact proxy (mlflow-artifacts:); start the server with --serve-artifacts");
        }
        String rest = artifactUri.substring(SCHEME.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        return rest.replaceAll("^/+", "");
    }

    private static String join(String base, String relative) {
        if (relative == null || relative.isEmpty()) {
            return base;
        }
        return base.endsWith("/") ? base + relative : base + "/" + relative;
    }

    private static String encode(String path) {
        return Stream.of(path.split("/")).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}

package ai.callcenter.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Registered versions copied to a local directory, {@code ROOT/NAME/VERSION}, once. A version's files
 * never change, so a directory that exists is complete: each download goes to a hidden sibling first
 * and is renamed into place in one step, so a crash mid-download leaves only a hidden partial
 * directory that nothing reads.
 */
public final class ModelDownloads {

    private static final String PARTIAL = ".partial-";

    private final MlflowArtifacts artifacts;
    private final Path root;

    public ModelDownloads(MlflowArtifacts artifacts, Path root) {
        this.artifacts = artifacts;
        this.root = root;
    }

    /** Where a version's copy is (or will be). */
    public Path directoryOf(String name, String version) {
        return root.resolve(safe(name)).resolve(safe(version));
    }

    /** The local copy of {@code version}'s files, downloaded now unless already here. */
    public Path fetch(ModelVersion version) {
        Path target = directoryOf(version.name(), version.version());
        if (Files.isDirectory(target)) {
            return target;
        }
        Path partial = target.resolveSibling(PARTIAL + version.version() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            int files = artifacts.downloadDirectory(version.source(), partial);
            if (files == 0) {
                throw new MlflowException("version " + version.version() + " of " + version.name() + " has no files at "
                        + version.source(), 404, MlflowException.NOT_FOUND, null);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            } catch (FileAlreadyExistsException e) {
                // another process finished the same version first; theirs is as good as ours
                delete(partial);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + version.name() + " version " + version.version() + " under " + root, e);
        } finally {
            if (Files.exists(partial)) {
                delete(partial);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover partial directory is ignored by readers
        }
    }

    /** Registry names and versions are plain words, but a path must never climb out of the root. */
    private static String safe(String part) {
        if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("/") || part.contains("\\")) {
            throw new IllegalArgumentException("not a registry name or version: " + part);
        }
        return part;
    }
}

package ai.callcenter.serving.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code process_resident_memory_bytes}: the memory the kernel counts against the container's limit
 * (heap, metaspace, ONNX Runtime and lingua's native memory alike), which the JVM's own meters do not
 * add up to. Read from the {@code VmRSS} line of {@code /proc/self/status} at each scrape; no gauge
 * where that file does not exist (macOS, Windows), rather than a misleading 0.
 */
public class ResidentMemoryMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ResidentMemoryMetrics.class);
    private static final String FIELD = "VmRSS:";
    private static final long BYTES_PER_KIB = 1024;

    private final Path status;

    public ResidentMemoryMetrics(Path status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (residentBytes().isEmpty()) {
            log.debug("no {} line in {}: process_resident_memory_bytes not exported", FIELD, status);
            return;
        }
        Gauge.builder("process.resident.memory", this, m -> m.residentBytes().orElse(-1))
                .description("Resident set size of the process (VmRSS)")
                .baseUnit(BaseUnits.BYTES)
                .strongReference(true)
                .register(registry);
    }

    /** VmRSS in bytes; empty when the file or the line is missing. */
    OptionalLong residentBytes() {
        if (!Files.isReadable(status)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith(FIELD)) {
                    // "VmRSS:     123456 kB": the kernel always reports kibibytes
                    String[] parts = line.substring(FIELD.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * BYTES_PER_KIB);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read {}: {}", status, e.toString());
        }
        return OptionalLong.empty();
    }
}

package ai.callcenter.serving.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which model version a service serves (a classifier's model, the agent's routing) ({@code callcenter_model_info}, one series whose
 * labels name it), how often it switched, and what went wrong following the registry.
 */
public class ModelSourceMetrics {

    /** The registered-version label of a model served from a local directory. */
    public static final String NOT_REGISTERED = "none";

    private final MeterRegistry meters;
    private final String modelType;
    private final Counter switches;
    private final Counter loadFailures;
    private final Counter registryUnreachable;
    private final AtomicReference<Gauge> info = new AtomicReference<>();

    public ModelSourceMetrics(MeterRegistry meters, String modelType) {
        this.meters = meters;
        this.modelType = modelType;
        this.switches = Counter.builder("callcenter.model.switches").description("Model versions put into service")
                .tag("model", modelType).register(meters);
        this.loadFailures = Counter.builder("callcenter.model.load.failures")
                .description("Registered versions that could not be loaded (the previous one kept serving)")
                .tag("model", modelType).register(meters);
        this.registryUnreachable = Counter.builder("callcenter.model.registry.unreachable")
                .description("Registry look-ups that could not reach MLflow").tag("model", modelType).register(meters);
    }

    /** A model went into service: the info series now names it. */
    public void served(String version, String registeredVersion) {
        Gauge next = Gauge.builder("callcenter.model.info", () -> 1).description("The model version served (value 1)")
                .tag("model", modelType).tag("version", version)
                .tag("registered_version", registeredVersion == null ? NOT_REGISTERED : registeredVersion)
                .register(meters);
        Gauge previous = info.getAndSet(next);
        if (previous != null && !previous.getId().equals(next.getId())) {
            meters.remove(previous);
        }
        switches.increment();
    }

    public void loadFailed() {
        loadFailures.increment();
    }

    public void registryUnreachable() {
        registryUnreachable.increment();
    }
}

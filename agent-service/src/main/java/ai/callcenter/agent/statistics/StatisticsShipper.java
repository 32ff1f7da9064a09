package ai.callcenter.agent.statistics;

import ai.callcenter.api.AgentResponse;
import ai.callcenter.mlflow.MlflowException;
import ai.callcenter.mlflow.MlflowRuns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Aggregates predictions per window and ships each closed window to this instance's MLflow run,
 * off the request path: a scheduler closes windows into a bounded queue, one sender thread logs them
 * as metric steps. When MLflow is down the sender retries the oldest window; once the queue is full,
 * newly closed windows are dropped and counted ({@code agent_statistics_windows_dropped_total}), and
 * logging resumes when MLflow answers again. A window with no traffic is not logged.
 */
public final class StatisticsShipper implements PredictionStatistics, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StatisticsShipper.class);

    private final StatisticsProperties properties;
    private final MlflowRuns runs;
    private final Clock clock;
    private final Map<String, String> runTags;
    private final AtomicReference<WindowAccumulator> current;
    /** Shared by the request threads adding to the current window, exclusive for the swap that ends it. */
    private final ReadWriteLock windowSwap = new ReentrantReadWriteLock();
    /** Windows queued or being sent, not yet logged. */
    private final AtomicInteger unshipped = new AtomicInteger();
    private final BlockingQueue<WindowStatistics> closed;
    private final Counter dropped;
    private final Counter shipped;
    private final Counter failures;
    private final ScheduledExecutorService windows;
    private final Thread sender;
    private volatile boolean stopping;
    private String runId;
    private boolean paramsLogged;
    private long step;

    /** @param runTags what names this instance's run (host, service), never ticket data */
    public StatisticsShipper(StatisticsProperties properties, MlflowRuns runs, Clock clock, Map<String, String> runTags,
                             MeterRegistry meters) {
        this.properties = properties;
        this.runs = runs;
        this.clock = clock;
        this.runTags = Map.copyOf(runTags);
        this.current = new AtomicReference<>(new WindowAccumulator(clock.millis()));
        this.closed = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.dropped = Counter.builder("agent.statistics.windows.dropped")
                .description("Closed statistics windows dropped because the queue to MLflow was full").register(meters);
        this.shipped = Counter.builder("agent.statistics.windows.logged")
                .description("Statistics windows logged to MLflow").register(meters);
        this.failures = Counter.builder("agent.statistics.mlflow.failures")
                .description("MLflow calls of the statistics sender that failed (retried)").register(meters);
        meters.gauge("agent.statistics.queue.size", closed, BlockingQueue::size);
        this.windows = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "statistics-window"));
        long windowMillis = properties.window().toMillis();
        windows.scheduleAtFixedRate(this::closeWindow, windowMillis, windowMillis, TimeUnit.MILLISECONDS);
        this.sender = daemon(this::send, "statistics-sender");
        sender.start();
    }

    @Override
    public void answered(AgentResponse answer, String route, double seconds) {
        Lock adding = windowSwap.readLock();
        adding.lock();
        try {
            current.get().answered(answer.category(), answer.modelUsed(), answer.language(), route, answer.confidence(),
                    answer.degraded(), answer.needsReview(), seconds);
        } finally {
            adding.unlock();
        }
    }

    @Override
    public void feedback(boolean correct) {
        Lock adding = windowSwap.readLock();
        adding.lock();
        try {
            current.get().feedback(correct);
        } finally {
            adding.unlock();
        }
    }

    /** Ends the window: a new one takes the traffic, the old one queues for MLflow unless it saw nothing. */
    void closeWindow() {
        long now = clock.millis();
        WindowAccumulator ended;
        // Waits for answers being added to the old window: read before they finish, one would count in "answers"
        // and lose its category (seen in a test: 30 answers, 29 categories).
        Lock swapping = windowSwap.writeLock();
        swapping.lock();
        try {
            ended = current.getAndSet(new WindowAccumulator(now));
        } finally {
            swapping.unlock();
        }
        if (ended.answers.sum() == 0 && ended.feedback.sum() == 0) {
            return;
        }
        if (closed.offer(WindowStatistics.of(ended, now))) {
            unshipped.incrementAndGet();
        } else {
            dropped.increment();
        }
    }

    private void send() {
        while (!stopping) {
            WindowStatistics next;
            try {
                next = closed.take();
            } catch (InterruptedException e) {
                return;
            }
            while (!stopping && !ship(next)) {
                sleep();
            }
            unshipped.decrementAndGet();
        }
    }

    private boolean ship(WindowStatistics window) {
        try {
            if (runId == null) {
                runId = runs.start(properties.experiment(), runTags.getOrDefault("instance", "agent"), runTags);
                log.info("prediction statistics go to MLflow run {} in experiment {}", runId, properties.experiment());
            }
            if (!paramsLogged) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("window_seconds", Double.toString(properties.window().toMillis() / 1000.0));
                params.put("queue_capacity", Integer.toString(properties.queueCapacity()));
                runs.logParams(runId, params);
                paramsLogged = true;
            }
            runs.logMetrics(runId, window.metrics(), window.endedMillis(), step++);
            shipped.increment();
            return true;
        } catch (MlflowException e) {
            failures.increment();
            log.warn("prediction statistics not logged yet, MLflow failed ({}); retrying in {}", e.getMessage(),
                    properties.retryInterval());
            return false;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(properties.retryInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Closes the last window and gives the sender a moment to log what is queued, then ends the run. */
    @Override
    public void destroy() throws InterruptedException {
        windows.shutdownNow();
        // a scheduled close still running would race the last one
        windows.awaitTermination(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        closeWindow();
        long deadline = System.nanoTime() + properties.requestTimeout().toNanos();
        // until the sender has logged every window, including the one it is sending (an empty queue is not enough)
        while (unshipped.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(properties.retryInterval().toMillis() / 10 + 1);
        }
        stopping = true;
        sender.interrupt();
        sender.join(properties.requestTimeout().toMillis());
        if (runId != null) {
            try {
                runs.end(runId, "FINISHED");
            } catch (MlflowException e) {
                log.warn("could not end statistics run {}: {}", runId, e.getMessage());
            }
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}

package ai.callcenter.transformer.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Gathers texts from concurrent callers into one batch for a batch function. One worker thread
 * takes the first waiting request, then collects more until {@code maxBatchSize} texts are
 * together or {@code maxWait} has passed, and runs them as one call. While that call runs, new
 * requests queue and form the next batch, so under load batches grow without any extra waiting.
 * A request that is the only one in flight runs at once: nobody is there to wait for, and a
 * request arriving meanwhile forms the next batch anyway.
 *
 * @param <R> result per text
 */
public final class MicroBatcher<R> implements AutoCloseable {

    private record Pending<R>(List<String> texts, CompletableFuture<List<R>> result) {
    }

    private final Function<List<String>, List<R>> batchFunction;
    private final long maxWaitNanos;
    private final int maxBatchSize;
    private final IntConsumer batchSizes;
    private final BlockingQueue<Pending<R>> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;
    /** Callers inside {@link #submit}, queued or being answered. */
    private final AtomicInteger callers = new AtomicInteger();
    private Pending<R> carried;

    /**
     * @param batchSizes told the number of texts of every batch run, for metrics and tests
     */
    public MicroBatcher(Function<List<String>, List<R>> batchFunction, BatchingProperties properties,
                        IntConsumer batchSizes) {
        this.batchFunction = batchFunction;
        this.maxWaitNanos = properties.maxWait().toNanos();
        this.maxBatchSize = properties.maxBatchSize();
        this.batchSizes = batchSizes;
        this.worker = new Thread(this::loop, "micro-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /** Results in input order; blocks until this request's batch has run. */
    public List<R> submit(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        if (texts.size() >= maxBatchSize) {
            // Already a full batch: queueing would only add latency.
            batchSizes.accept(texts.size());
            return batchFunction.apply(texts);
        }
        if (!running) {
            throw new IllegalStateException("micro-batcher is closed");
        }
        CompletableFuture<List<R>> result = new CompletableFuture<>();
        callers.incrementAndGet();
        queue.add(new Pending<>(texts, result));
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        } finally {
            callers.decrementAndGet();
        }
    }

    private void loop() {
        while (running) {
            List<Pending<R>> batch;
            try {
                batch = collect();
            } catch (InterruptedException e) {
                break;
            }
            run(batch);
        }
        failRemaining();
    }

    private List<Pending<R>> collect() throws InterruptedException {
        List<Pending<R>> batch = new ArrayList<>();
        Pending<R> first = carried != null ? carried : queue.take();
        carried = null;
        batch.add(first);
        int size = first.texts().size();
        long deadline = System.nanoTime() + maxWaitNanos;
        while (size < maxBatchSize) {
            // Whatever is already queued joins at once; only then wait out the remaining time.
            Pending<R> next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || callers.get() <= batch.size()) {
                    break;
                }
                next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            if (size + next.texts().size() > maxBatchSize) {
                carried = next;
                break;
            }
            batch.add(next);
            size += next.texts().size();
        }
        return batch;
    }

    private void run(List<Pending<R>> batch) {
        List<String> texts = new ArrayList<>();
        for (Pending<R> p : batch) {
            texts.addAll(p.texts());
        }
        try {
            batchSizes.accept(texts.size());
            List<R> results = batchFunction.apply(texts);
            int offset = 0;
            for (Pending<R> p : batch) {
                p.result().complete(List.copyOf(results.subList(offset, offset + p.texts().size())));
                offset += p.texts().size();
            }
        } catch (RuntimeException | Error e) {
            for (Pending<R> p : batch) {
                p.result().completeExceptionally(e);
            }
        }
    }

    private void failRemaining() {
        IllegalStateException closed = new IllegalStateException("micro-batcher is closed");
        if (carried != null) {
            carried.result().completeExceptionally(closed);
        }
        Pending<R> p;
        while ((p = queue.poll()) != null) {
            p.result().completeExceptionally(closed);
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

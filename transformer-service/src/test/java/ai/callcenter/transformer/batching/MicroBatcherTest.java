package ai.callcenter.transformer.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

    /** Echoes each text's length, slowly, like an encoder would be. */
    private static Function<List<String>, List<Integer>> slowLengths(long millis) {
        return texts -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return texts.stream().map(String::length).toList();
        };
    }

    @Test
    void concurrentSingleCallsShareBatchesAndGetTheirOwnAnswers() throws Exception {
        int callers = 24;
        try (MicroBatcher<Integer> batcher = new MicroBatcher<>(slowLengths(20),
                new BatchingProperties(true, Duration.ofMillis(30), 32), sizes::add)) {
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Integer>>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String text = "x".repeat(i + 1);
                answers.add(pool.submit(() -> {
                    start.await();
                    return batcher.submit(List.of(text));
                }));
            }
            start.countDown();
            for (int i = 0; i < callers; i++) {
                assertThat(answers.get(i).get()).containsExactly(i + 1);
            }
            pool.shutdown();
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(callers);
        assertThat(sizes.size()).as("batches run for %d callers: %s", callers, sizes).isLessThan(callers / 2);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(4);
    }

    @Test
    void aLoneRequestRunsAtOnceWithoutWaitingForCompany() {
        try (MicroBatcher<Integer> batcher = new MicroBatcher<>(slowLengths(0),
                new BatchingProperties(true, Duration.ofSeconds(10), 32), sizes::add)) {
            long started = System.nanoTime();
            assertThat(batcher.submit(List.of("abc", "de"))).containsExactly(3, 2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(sizes).containsExactly(2);
    }

    @Test
    void batchesNeverExceedTheLimit() throws Exception {
        try (MicroBatcher<Integer> batcher = new MicroBatcher<>(slowLengths(10),
                new BatchingProperties(true, Duration.ofMillis(20), 8), sizes::add)) {
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Future<List<Integer>>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> batcher.submit(List.of("a", "bb", "ccc"))));
            }
            for (Future<List<Integer>> answer : answers) {
                assertThat(answer.get()).containsExactly(1, 2, 3);
            }
            pool.shutdown();
        }
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(8));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
    }

    @Test
    void aFullBatchSkipsTheQueue() {
        try (MicroBatcher<Integer> batcher = new MicroBatcher<>(slowLengths(0),
                new BatchingProperties(true, Duration.ofSeconds(10), 4), sizes::add)) {
            long started = System.nanoTime();
            assertThat(batcher.submit(List.of("a", "b", "c", "d", "e"))).hasSize(5);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void failuresReachEveryCallerOfTheBatch() {
        try (MicroBatcher<Integer> batcher = new MicroBatcher<>(texts -> {
            throw new IllegalStateException("encoder broke");
        }, new BatchingProperties(true, Duration.ofMillis(1), 8), sizes::add)) {
            assertThatThrownBy(() -> batcher.submit(List.of("a"))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("encoder broke");
            // The worker survives a failed batch.
            assertThatThrownBy(() -> batcher.submit(List.of("b"))).hasMessage("encoder broke");
        }
    }
}

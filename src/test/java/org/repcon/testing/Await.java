package org.repcon.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait for something that happens on its own time (a port opens, a key arrives, a
 * probe sees a change): poll until true, or fail saying what did not happen and the last value seen.
 * Bounded always; never a proof of speed, only of "eventually".
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {}

    /** Waits until {@code condition} holds; an AssertionError naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        value(what, limit, () -> condition.getAsBoolean(), ok -> ok);
    }

    /**
     * Asks {@code source} until its answer satisfies {@code condition} and returns that answer; an
     * AssertionError with the last answer after {@code limit}.
     */
    public static <T> T value(String what, Duration limit, Supplier<T> source, Predicate<? super T> condition) {
        return value(what, limit, POLL, source, condition);
    }

    /** As {@link #value(String, Duration, Supplier, Predicate)}, asking every {@code poll} (for costly sources). */
    public static <T> T value(String what, Duration limit, Duration poll, Supplier<T> source, Predicate<? super T> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last;
        while (true) {
            last = source.get();
            if (condition.test(last)) return last;
            if (System.nanoTime() - deadline >= 0) break;
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted while waiting", e);
            }
        }
        throw new AssertionError(what + ": not within " + limit + (last instanceof Boolean ? "" : "; last seen: " + last));
    }
}

package org.repcon.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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
        return value(what, limit, poll, source, condition, last -> null);
    }

    /**
     * As {@link #until(String, Duration, BooleanSupplier)}, but gives up at once when {@code hopeless} names a
     * reason (see {@link #whileAlive(Process)}): what it waits for can no longer come.
     */
    public static void until(String what, Duration limit, BooleanSupplier condition, Function<Object, String> hopeless) {
        value(what, limit, POLL, () -> condition.getAsBoolean(), ok -> ok, hopeless);
    }

    /**
     * The general form: asks {@code source} every {@code poll} until {@code condition} holds and returns that
     * answer; fails after {@code limit}, or at once when {@code hopeless} returns a reason (null: keep waiting).
     */
    public static <T> T value(String what, Duration limit, Duration poll, Supplier<T> source, Predicate<? super T> condition,
            Function<? super T, String> hopeless) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last;
        while (true) {
            last = source.get();
            if (condition.test(last)) return last;
            String reason = hopeless.apply(last);
            if (reason != null) throw new AssertionError(what + ": gave up, " + reason + seen(last));
            if (System.nanoTime() - deadline >= 0) break;
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted while waiting", e);
            }
        }
        throw new AssertionError(what + ": not within " + limit + seen(last));
    }

    /**
     * Until two answers of {@code source} {@code poll} apart agree (something that moves for a while settles: an
     * instance killed mid-restart, a log still being written) and returns that answer.
     */
    public static <T> T settled(String what, Duration limit, Duration poll, Supplier<T> source) {
        AtomicReference<T> previous = new AtomicReference<>();
        return value(what + " settled", limit, poll, source, now -> now.equals(previous.getAndSet(now)));
    }

    /** A reason to give up once {@code process} has ended (for {@code hopeless}): it was to bring the event. */
    public static Function<Object, String> whileAlive(Process process) {
        return last -> process.isAlive() ? null : "the process ended with exit " + process.exitValue();
    }

    private static String seen(Object last) {
        return last instanceof Boolean ? "" : "; last seen: " + last;
    }
}

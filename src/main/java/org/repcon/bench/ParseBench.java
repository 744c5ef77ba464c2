package org.repcon.bench;

import java.util.ArrayList;
import java.util.List;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;

/**
 * The INFO parser's cost per reply: a refresh parses one reply per instance, so at 300 instances every
 * microsecond here is 0.3 ms of a refresh (on one core). Times batches of parses plus the lookups every
 * probe makes (role, offset, link), and reports the median batch.
 */
public final class ParseBench {

    public record Result(int bytes, int fields, List<Double> microsPerParse) {

        public double medianMicros() {
            List<Double> sorted = new ArrayList<>(microsPerParse);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }
    }

    private static final int BATCH = 2000;

    private ParseBench() {}

    public static Result run(String reply, int batches) {
        long sink = 0;
        for (int i = 0; i < 5 * BATCH; i++) sink += touch(InfoParser.parse(reply)); // warm the JIT up
        List<Double> micros = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < BATCH; i++) sink += touch(InfoParser.parse(reply));
            micros.add((System.nanoTime() - start) / 1000.0 / BATCH);
        }
        Info info = InfoParser.parse(reply);
        if (sink == 42) System.out.print(""); // keeps the work from being optimised away
        return new Result(reply.length(), info.fields().size(), micros);
    }

    private static long touch(Info info) {
        return info.role().ordinal() + info.replOffset().orElse(0) + (info.masterLink().isPresent() ? 1 : 0);
    }
}

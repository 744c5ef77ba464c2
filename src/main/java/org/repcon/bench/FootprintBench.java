package org.repcon.bench;

import static org.repcon.topology.Convention.STUNNEL_LOG;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.repcon.lab.Lab;
import org.repcon.probe.ProbeOptions;
import org.repcon.probe.Prober;
import org.repcon.topology.Host;
import org.repcon.topology.Tunnel;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;

/**
 * What a running console costs the monitored hosts: a prober refreshing a running lab for a while, and
 * the lines and the accepted sessions the stunnel logs of the hosts with server ends (the master) gained
 * meanwhile. Counted from the end of the first refresh, so steady state is what is measured.
 */
public final class FootprintBench {

    /** stunnel's notice for each new session on a service. */
    private static final String ACCEPTED = "accepted connection from";

    public record Result(List<Path> logs, Duration measured, int refreshes, long logLines, long sessions) {

        public double perMinute(long count) {
            return count * 60_000.0 / measured.toMillis();
        }
    }

    private FootprintBench() {}

    public static Result run(Lab lab, ProbeOptions options, Duration length, PrintWriter progress) throws InterruptedException {
        List<Path> logs = serverLogs(lab);
        if (logs.isEmpty()) throw RepconException.invalid("the lab has no host with a tunnel server end and a stunnel log");
        try (Transports transports = new Transports(lab.topology());
             Prober prober = new Prober(lab.topology(), transports, options)) {
            prober.refresh(); // connections opened: what follows is steady state
            Thread.sleep(500); // the first refresh's closed sessions are logged a moment later
            long lines = count(logs, false);
            long sessions = count(logs, true);
            progress.println("refreshing every " + options.interval().toMillis() + " ms for " + length.toSeconds() + " s ...");
            progress.flush();
            int refreshes = 0;
            long start = System.nanoTime();
            for (long end = start + length.toNanos(); System.nanoTime() < end; refreshes++) {
                long tick = System.nanoTime();
                prober.refresh();
                long left = options.interval().toNanos() - (System.nanoTime() - tick);
                if (left > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
            Duration measured = Duration.ofNanos(System.nanoTime() - start);
            Thread.sleep(500);
            return new Result(logs, measured, refreshes, count(logs, false) - lines, count(logs, true) - sessions);
        }
    }

    private static List<Path> serverLogs(Lab lab) {
        return lab.topology().hosts().stream().filter(h -> h.tunnels().stream().anyMatch(Tunnel::isServer))
                .flatMap(h -> h.path(STUNNEL_LOG, "").stream()).map(lab.root()::resolve).toList();
    }

    private static long count(List<Path> logs, boolean sessionsOnly) {
        long n = 0;
        for (Path log : logs) {
            try (Stream<String> lines = Files.lines(log)) {
                n += sessionsOnly ? lines.filter(l -> l.contains(ACCEPTED)).count() : lines.count();
            } catch (IOException e) {
                throw RepconException.failed("cannot read " + log + ": " + e.getMessage());
            }
        }
        return n;
    }
}

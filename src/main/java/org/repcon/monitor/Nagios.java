package org.repcon.monitor;

import java.util.List;
import java.util.stream.Collectors;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Severity;
import org.repcon.probe.InstanceSample;

/** The Nagios plugin verdict: exit code and the one summary line monitoring systems display. */
public final class Nagios {

    public static final int OK = 0, WARNING = 1, CRITICAL = 2, UNKNOWN = 3;

    public record Verdict(int code, String summary) {
        public String label() {
            return switch (code) {
                case OK -> "OK";
                case WARNING -> "WARNING";
                case CRITICAL -> "CRITICAL";
                default -> "UNKNOWN";
            };
        }
    }

    private Nagios() {}

    public static Verdict evaluate(Monitor.State state) {
        long instances = state.snapshot().instances().size();
        long unreachable = state.snapshot().instances().values().stream()
                .filter(s -> s.status() == InstanceSample.Status.UNREACHABLE).count();
        long crit = count(state.findings(), Severity.CRITICAL);
        long warn = count(state.findings(), Severity.WARNING);
        String perf = " | crit=" + crit + " warn=" + warn + " instances=" + instances + " tunnels="
                + state.snapshot().tunnels().size() + " refresh_ms=" + state.snapshot().refreshDuration().toMillis();
        if (instances > 0 && unreachable == instances) {
            return new Verdict(UNKNOWN, "REPCON UNKNOWN - no instance of " + state.view().topologyName()
                    + " could be reached from here" + perf);
        }
        int code = crit > 0 ? CRITICAL : warn > 0 ? WARNING : OK;
        String detail = state.findings().stream().filter(f -> f.severity() != Severity.INFO).limit(3)
                .map(f -> f.code().id() + " " + f.subject().key()).collect(Collectors.joining(", "));
        String counts = code == OK ? instances + " instances and " + state.snapshot().tunnels().size() + " tunnels healthy"
                : crit + " critical, " + warn + " warning: " + detail + (crit + warn > 3 ? ", ..." : "");
        return new Verdict(code, "REPCON " + new Verdict(code, "").label() + " - " + state.view().topologyName() + ": " + counts + perf);
    }

    private static long count(List<Finding> findings, Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}

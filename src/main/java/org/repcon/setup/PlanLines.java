package org.repcon.setup;

import java.util.ArrayList;
import java.util.List;
import org.repcon.topology.Host;

/** A plan as text lines, host by host: each step's state, what it does and why, then what applying runs and the diff. */
public final class PlanLines {

    static final String INDENT = "             ";

    private PlanLines() {}

    public static List<String> of(SetupPlan plan) {
        List<String> out = new ArrayList<>();
        for (HostPlan h : plan.hosts()) {
            if (!out.isEmpty()) out.add("");
            out.addAll(of(h));
        }
        return out;
    }

    public static List<String> of(HostPlan plan) {
        List<String> out = new ArrayList<>();
        out.add("host " + heading(plan));
        plan.unreachable().ifPresent(why -> out.add("  " + why));
        for (PlannedStep p : plan.steps()) out.addAll(of(p));
        return out;
    }

    /** "master (freebsd, ssh master.example.com): 14 steps, 3 done, 11 missing". */
    public static String heading(HostPlan plan) {
        Host h = plan.host();
        StringBuilder s = new StringBuilder(h.name() + " (" + h.platform().yamlName() + ", "
                + (h.access().isLocal() ? "local" : "ssh " + h.address().orElse("?")) + "): " + plan.steps().size() + " steps");
        for (State state : State.values()) {
            long n = plan.count(state);
            if (n > 0) s.append(", ").append(n).append(' ').append(state.word());
        }
        return s.toString();
    }

    /** A step: its line, and when it is not done what applying runs and the file's diff. */
    public static List<String> of(PlannedStep p) {
        List<String> out = new ArrayList<>();
        Check c = p.check();
        out.add("  " + pad(c.state().word(), 8) + " " + pad(p.step().kind().label(), 19) + " " + p.step().title()
                + (c.detail().isEmpty() ? "" : ": " + c.detail()));
        if (c.done()) return out;
        for (String command : c.commands()) out.add(INDENT + "run: " + command);
        if (!c.diff().isEmpty()) c.diff().lines().forEach(l -> out.add(INDENT + l));
        return out;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

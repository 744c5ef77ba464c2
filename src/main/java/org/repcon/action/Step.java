package org.repcon.action;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.repcon.service.DirectProcess;
import org.repcon.syntax.ShellQuote;
import org.repcon.topology.Instance;

/**
 * One thing an action does, as data: the preview shows {@link #display()}, the runner executes it
 * ({@link StepRunner}), the audit records it. What is shown is what runs.
 */
public sealed interface Step {

    /** The host it acts on. */
    String host();

    /** Exactly what it runs, as one line: {@code replica1$ service redis start bayes}, {@code replica1/bayes> REPLICAOF ...}. */
    String display();

    /**
     * A command on the host, through its transport (no shell).
     *
     * @param timeout how long it may run; empty: the service wait (an install may need minutes)
     */
    record Exec(String host, List<String> argv, Optional<Duration> timeout) implements Step {
        public Exec {
            argv = List.copyOf(argv);
        }

        public Exec(String host, List<String> argv) {
            this(host, argv, Optional.empty());
        }

        @Override
        public String display() {
            return host + "$ " + ShellQuote.line(argv);
        }
    }

    /** A Redis command sent to an instance. */
    record RedisCall(Instance instance, List<String> args) implements Step {
        public RedisCall {
            args = List.copyOf(args);
        }

        @Override
        public String host() {
            return instance.host();
        }

        @Override
        public String display() {
            return instance.ref() + "> " + String.join(" ", args);
        }
    }

    /**
     * A file replaced atomically, what it replaces kept as a backup beside it.
     *
     * @param diff the unified diff, secrets masked
     */
    record WriteFile(String host, String path, String before, String after, int mode, String diff) implements Step {
        @Override
        public String display() {
            return host + ": write " + path + " (mode " + Integer.toOctalString(mode) + ", the old file kept as a backup beside it)";
        }
    }

    /** A daemon repcon runs itself (the lab): its command, which daemonizes. */
    record StartDirect(String host, DirectProcess process) implements Step {
        @Override
        public String display() {
            return host + "$ " + ShellQuote.line(process.command());
        }
    }

    /** A daemon repcon runs itself, stopped by the pid its pid file names. */
    record StopDirect(String host, DirectProcess process, long pid, Duration grace) implements Step {
        @Override
        public String display() {
            return host + "$ " + String.join("; ", DirectProcess.stopCommands(pid, grace)) + "  (pid from " + process.pidFile() + ")";
        }
    }
}

package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * --read-only, before or after the subcommand, keeps every monitoring command from writing the heartbeat: status,
 * check, shell, the console (its options a mixin inside a mixin) and repcon FILE.
 */
class HeartbeatReadOnlyTest {

    private static java.util.function.BooleanSupplier options(String... args) {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
        Object command = parsed.subcommand() == null ? parsed.commandSpec().userObject()
                : parsed.subcommand().commandSpec().userObject();
        if (command instanceof StatusCommand s) return s.monitorOptions::heartbeatWrites;
        if (command instanceof CheckCommand c) return c.monitorOptions::heartbeatWrites;
        if (command instanceof ShellCommand s) return s.monitorOptions::heartbeatWrites;
        if (command instanceof ConsoleCommand c) return c.flags::heartbeatWrites;
        if (command instanceof Main m) return m.consoleFlags::heartbeatWrites;
        throw new AssertionError(command.getClass());
    }

    @Test
    void readOnlyMonitorsWriteNoHeartbeat() {
        for (String verb : new String[] {"status", "check", "shell", "console"}) {
            assertThat(options(verb, "lab.yaml").getAsBoolean()).as(verb).isTrue();
            assertThat(options("--read-only", verb, "lab.yaml").getAsBoolean()).as("--read-only " + verb).isFalse();
            assertThat(options(verb, "lab.yaml", "--read-only").getAsBoolean()).as(verb + " --read-only").isFalse();
        }
        assertThat(options("lab.yaml").getAsBoolean()).isTrue();
        assertThat(options("--read-only", "lab.yaml").getAsBoolean()).isFalse();
    }
}

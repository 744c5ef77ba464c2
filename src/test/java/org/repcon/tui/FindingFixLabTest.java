package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.diagnosis.Thresholds;
import org.repcon.lab.Lab;
import org.repcon.lab.LabFaults;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.LabClassTest;
import org.repcon.transport.Transports;

/**
 * 'x' on a live finding: the diagnosis's typed fix (start replica1/fuzzy for a killed replica instance) goes, as its
 * words, through the one parser to the one runner, asks on the bottom line, and brings the instance back.
 */
class FindingFixLabTest extends LabClassTest {

    FindingFixLabTest() {
        super(130);
    }

    @Test
    void xRunsTheFindingsFixThroughTheRunner() throws Exception {
        LabFaults.inject(lab, LabFaults.Fault.KILL, "replica1/fuzzy");
        Monitor monitor = new Monitor(lab.topology(), new Transports(lab.topology()), ProbeOptions.defaults(), Thresholds.defaults());
        try (LiveSource source = new LiveSource(monitor);
             ConsoleCommands commands = new ConsoleCommands(lab.topology(), new ActionContext(lab.topology(), monitor.transports(),
                     Lab.directProcesses(lab.topology()), Limits.defaults()), false, new Audit(dir.resolve("audit.log")),
                     dir.resolve("history"), () -> List.of("dark", "light", "mono"))) {
            try (ScreenDriver d = ScreenDriver.start(source, 120, 40, o -> o.withCommands(commands))) {
                d.awaitText("instance-down");
                d.press("Tab").awaitText("cmd: start replica1/fuzzy");
                d.press("x").awaitText("will run:").awaitText("[y/n]");
                d.type("y").press("Enter").awaitText("done:");
                commands.awaitIdle(Duration.ofSeconds(10));
            }
        }
        assertThat(lab.pid(lab.process("replica1", "fuzzy").orElseThrow())).isPresent();
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"command\":\"start replica1/fuzzy\"", "\"outcome\":\"done\"");
        assertThat(Files.readString(dir.resolve("history"))).contains("start replica1/fuzzy");
    }
}

package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.view.FindingRow;
import org.repcon.view.Health;

/** Acknowledgements as kept on disk: for a time, until a change, across instances, and what a bad file does. */
class AcknowledgementsTest {

    @TempDir
    Path dir;

    private static FindingRow finding(Health severity, String... evidence) {
        return new FindingRow("link-down", severity, "replica1/bayes", "replica1/bayes", "replica1/bayes lost its master",
                List.of(evidence), "", Optional.empty());
    }

    @Test
    void aTimedAcknowledgementEndsWithItsTimeWhateverTheFindingSays() {
        Acknowledgements acks = new Acknowledgements(dir.resolve("acknowledged"));
        acks.add(finding(Health.WARN, "down 3s"), Optional.of(Duration.ofHours(8)), 1_000);
        assertThat(acks.of(finding(Health.CRIT, "refused"), 1_000 + Duration.ofHours(8).toMillis() - 1)).isPresent();
        assertThat(acks.of(finding(Health.CRIT, "refused"), 1_000 + Duration.ofHours(8).toMillis())).isEmpty();
    }

    @Test
    void untilItChangesMeansItsSeverityAndWordsNotItsNumbers() throws Exception {
        Path file = dir.resolve("acknowledged");
        new Acknowledgements(file).add(finding(Health.WARN, "down 3s", "log: 12:00:01 refused"), Optional.empty(), 1_000);
        // Another console reads the same file.
        Acknowledgements again = new Acknowledgements(file);
        assertThat(again.of(finding(Health.WARN, "down 95s", "log: 12:01:33 refused", "log: 12:01:34 refused"), 5_000)).isPresent();
        assertThat(again.of(finding(Health.CRIT, "down 95s", "log: 12:01:33 refused"), 5_000)).isEmpty();
        assertThat(again.of(finding(Health.WARN, "down 95s", "log: 12:01:33 auth failed"), 5_000)).isEmpty();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aBrokenFileIsSkippedLineByLineAndRewrittenWhole() throws Exception {
        Path file = dir.resolve("acknowledged");
        Files.writeString(file, "garbage\nlink-down|replica1/bayes\tabc\tnot-a-number\n");
        Acknowledgements acks = new Acknowledgements(file);
        assertThat(acks.of(finding(Health.WARN), 0)).isEmpty();
        acks.add(finding(Health.WARN), Optional.empty(), 0);
        assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.startsWith("link-down|replica1/bayes\t"));
    }
}

package org.repcon.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.lab.LabFaults.Fault;

/** The fault table as the help and the README show it; no lab runs (the faults themselves: LabFaultDiagnosisTest). */
class LabFaultsTest {

    @Test
    void theHelpListsEachFaultOnceWithItsFormWithinTheWidth() {
        List<String> help = LabFaults.help(60);
        assertThat(help).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(60));
        String text = String.join("\n", help);
        for (Fault f : Fault.values()) {
            assertThat(help).filteredOn(l -> l.startsWith("  " + f.cliName() + " ")).as(f.cliName())
                    .singleElement().satisfies(l -> assertThat(l).startsWith("  " + f.cliName() + " " + f.targetForm() + " "));
            // A description broken over lines reads the same once the breaks are spaces again.
            assertThat(text.replaceAll("\\s+", " ")).contains(f.cliName() + " " + f.targetForm() + " " + f.description());
        }
        assertThat(help).first().isEqualTo("Faults:");
    }

    @Test
    void theReadmeNamesEveryFaultWithTheTargetItTakes() throws Exception {
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        for (Fault f : Fault.values()) assertThat(readme).contains("`" + f.cliName() + " " + f.targetForm() + "`");
    }

    @Test
    void anUnknownFaultIsRefusedWithTheNearestNameAndTheList() {
        assertThatThrownBy(() -> Fault.parse("kil")).hasMessage("no fault 'kil' (did you mean 'kill'?); faults: stop-tunnel,"
                + " freeze-tunnel, kill, freeze, wrong-masterauth, replica-writable, wrong-master, backlog-burst, master-full");
        assertThat(Fault.parse("master-full")).isSameAs(Fault.MASTER_FULL);
    }
}

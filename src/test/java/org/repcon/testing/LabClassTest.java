package org.repcon.testing;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.repcon.diagnosis.Thresholds;
import org.repcon.lab.Lab;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.transport.Transports;

/**
 * A test class on a live lab of its own ({@link TestLab} at 127.0.BLOCK.2-4, files in a directory of its own): up
 * before the class's first test (its own {@code @BeforeAll} runs after), down after its last, also when one fails;
 * the monitors made by {@link #monitor} are closed first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LabClassTest {

    private final int block;
    /** The lab's root: its files, logs and data. */
    protected Path dir;
    /** The lab's topology file, for tests that run the CLI on it. */
    protected Path file;
    protected Lab lab;
    private final List<Monitor> monitors = new ArrayList<>();

    /** @param block a number 1..250 unique to the test class (its loopback addresses) */
    protected LabClassTest(int block) {
        this.block = block;
    }

    @BeforeAll
    protected final void labUp() throws IOException {
        dir = Files.createTempDirectory("repcon-" + getClass().getSimpleName());
        file = TestLab.file(block, dir);
        lab = TestLab.create(block, dir);
        TestLab.up(lab);
    }

    /** A monitor of the lab (transports of its own), closed after the class's last test, before the lab goes down. */
    protected final Monitor monitor(ProbeOptions options, Thresholds thresholds) {
        Monitor m = new Monitor(lab.topology(), new Transports(lab.topology()), options, thresholds);
        monitors.add(m);
        return m;
    }

    @AfterAll
    protected final void labDown() {
        try {
            monitors.forEach(Monitor::close);
        } finally {
            if (lab != null) lab.down();
        }
    }
}

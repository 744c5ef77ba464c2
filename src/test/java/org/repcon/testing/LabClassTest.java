package org.repcon.testing;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * the class's {@link #monitor()} is closed first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LabClassTest {

    private final int block;
    private final ProbeOptions probeOptions;
    private final Thresholds thresholds;
    private Monitor monitor;
    /** The lab's root: its files, logs and data. */
    protected Path dir;
    /** The lab's topology file, for tests that run the CLI on it. */
    protected Path file;
    protected Lab lab;

    /** @param block a number 1..250 unique to the test class (its loopback addresses) */
    protected LabClassTest(int block) {
        this(block, ProbeOptions.defaults(), Thresholds.defaults());
    }

    /**
     * @param probeOptions the options of the class's {@link #monitor()}
     * @param thresholds   the thresholds of the class's {@link #monitor()}
     */
    protected LabClassTest(int block, ProbeOptions probeOptions, Thresholds thresholds) {
        this.block = block;
        this.probeOptions = probeOptions;
        this.thresholds = thresholds;
    }

    @BeforeAll
    protected final void labUp() throws IOException {
        dir = Files.createTempDirectory("repcon-" + getClass().getSimpleName());
        file = TestLab.file(block, dir);
        lab = TestLab.create(block, dir);
        TestLab.up(lab);
    }

    /**
     * The class's monitor of the lab (transports of its own, the class's options): made when first asked for, kept
     * from test to test (its history with it), closed after the last test before the lab goes down.
     */
    protected final Monitor monitor() {
        if (monitor == null) monitor = new Monitor(lab.topology(), new Transports(lab.topology()), probeOptions, thresholds);
        return monitor;
    }

    /** Closes the class's monitor now (a test that wants no monitor writing meanwhile); the next {@link #monitor()} is new. */
    protected final void closeMonitor() {
        if (monitor != null) monitor.close();
        monitor = null;
    }

    @AfterAll
    protected final void labDown() {
        try {
            closeMonitor();
        } finally {
            if (lab != null) lab.down();
        }
    }
}

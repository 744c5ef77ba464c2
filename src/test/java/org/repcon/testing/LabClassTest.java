package org.repcon.testing;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.repcon.lab.Lab;

/**
 * A test class on a live lab of its own ({@link TestLab} at 127.0.BLOCK.2-4, files in a directory of its own): up
 * before the class's first test (its own {@code @BeforeAll} runs after), down after its last, also when one fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LabClassTest {

    private final int block;
    /** The lab's root: its files, logs and data. */
    protected Path dir;
    /** The lab's topology file, for tests that run the CLI on it. */
    protected Path file;
    protected Lab lab;

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

    @AfterAll
    protected final void labDown() {
        if (lab != null) lab.down();
    }
}

package org.repcon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.repcon.lab.Lab;
import org.repcon.lab.LabFaults;
import org.repcon.lab.LabTopology;
import org.repcon.topology.TopologyLoader;

/**
 * The sample lab moved to addresses of its own (127.0.BLOCK.2-4) and to a directory of its own, so
 * that test classes do not collide with each other or with a demo lab someone has running.
 */
public final class TestLab {

    private TestLab() {}

    /**
     * Writes the moved topology as {@code DIR/lab.yaml} (its root is DIR), for tests that run the CLI on it.
     *
     * @param block a number 1..250 unique to the test class
     */
    public static Path file(int block, Path dir) {
        Tools.redisServer();
        Tools.stunnel();
        try {
            String prefix = "127.0." + block + ".";
            String text = Files.readString(TestTopologies.sample("lab.yaml"))
                    .replace("127.0.0.2", prefix + "2").replace("127.0.0.3", prefix + "3").replace("127.0.0.4", prefix + "4")
                    .replace("platform: lab\n", "platform: lab\nroot: " + dir + "\n");
            Path file = dir.resolve("lab.yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Lab create(int block, Path dir) {
        return new Lab(LabTopology.of(TopologyLoader.load(file(block, dir)), Optional.empty()));
    }

    /**
     * Brings a test's lab up, asserting it came up. A failed start is tried once more (what runs is kept): a test
     * class's setup is not rerun by surefire as a failed test is, and on a loaded 2-core machine a daemon can miss its
     * start limit once. The first attempt's output is printed, so a second that passes still shows what happened.
     */
    public static void up(Lab lab) {
        StringWriter first = new StringWriter();
        boolean ok;
        try {
            ok = lab.up(new PrintWriter(first, true));
        } catch (RuntimeException e) {
            first.append(e.toString());
            ok = false;
        }
        if (ok) return;
        System.out.println("lab up failed once, trying again: " + first);
        StringWriter second = new StringWriter();
        assertThat(lab.up(new PrintWriter(second, true))).as("the lab up (second try): " + second).isTrue();
    }

    /** Undoes every injected fault, then waits until the replicas are in sync again; false when they were not in time. */
    public static boolean heal(Lab lab) {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        LabFaults.heal(lab, quiet);
        return lab.awaitReplication(quiet);
    }
}

package org.repcon.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.repcon.lab.Lab;
import org.repcon.lab.LabTopology;

/**
 * The sample lab moved to addresses of its own (127.0.0.N2..N4), so that test classes do not
 * collide with each other or with a demo lab someone has running.
 */
public final class TestLab {

    private TestLab() {}

    /** @param block a number 1..25 unique to the test class; addresses become 127.0.(block).2-4 */
    public static Lab create(int block, Path dir) {
        Tools.redisServer();
        Tools.stunnel();
        String prefix = "127.0." + block + ".";
        return new Lab(LabTopology.of(TestTopologies.loadWith("lab.yaml", Map.of(
                "127.0.0.2", prefix + "2", "127.0.0.3", prefix + "3", "127.0.0.4", prefix + "4")), Optional.of(dir)));
    }
}

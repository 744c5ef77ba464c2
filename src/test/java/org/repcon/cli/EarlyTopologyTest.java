package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.RepconException;

/** {@code repcon FILE} reads its topology beside picocli's model: the same topology, the same errors, nothing else. */
class EarlyTopologyTest {

    private static final Path DEBIAN = Path.of("sample-topologies/rspamd-debian.yaml");
    private static final Path FREEBSD = Path.of("sample-topologies/rspamd-freebsd.yaml");

    @Test
    void theFileReadEarlyIsTheTopologyTheLoaderReads() {
        EarlyTopology.startFor(new String[] {DEBIAN.toString()});
        Topology early = EarlyTopology.load(DEBIAN);
        assertThat(early.hosts()).isEqualTo(TopologyLoader.load(DEBIAN).hosts());
    }

    @Test
    void theFileIsReadBeforeTheCommandAsksForIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.copy(DEBIAN, file);
        EarlyTopology.startFor(new String[] {file.toString()});
        awaitReaderDone();
        Files.delete(file); // gone before the command asks: only a read done early gives it the topology
        assertThat(EarlyTopology.load(file).hosts()).extracting(h -> h.name()).containsExactly("master", "edge1", "edge2");
    }

    /** Until the early reader's thread has ended (its work done), at most 10 s. */
    private static void awaitReaderDone() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("repcon-early-topology"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("the early read did not end within 10 s");
            Thread.sleep(5);
        }
    }

    @Test
    void anotherFileIsReadAsAlways() {
        EarlyTopology.startFor(new String[] {DEBIAN.toString()});
        assertThat(EarlyTopology.load(FREEBSD).hosts()).isEqualTo(TopologyLoader.load(FREEBSD).hosts());
        EarlyTopology.load(DEBIAN); // the early one, taken so that no other test sees it
    }

    @Test
    void aBadFileFailsWithTheLoadersOwnErrorAtItsPosition(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "hosts:\n  master: [\n");
        String direct = messageOf(() -> TopologyLoader.load(bad));
        EarlyTopology.startFor(new String[] {bad.toString()});
        assertThatThrownBy(() -> EarlyTopology.load(bad)).isInstanceOf(RepconException.class).hasMessage(direct);
    }

    @Test
    void onlyASingleExistingFileIsReadEarly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.copy(DEBIAN, file);
        for (String[] args : new String[][] {{"status", file.toString()}, {"--theme", file.toString()}, {dir.resolve("none").toString()},
                {"-"}, {dir.toString()}}) {
            EarlyTopology.startFor(args);
        }
        // None started: the file changed now is what a later load reads.
        Files.writeString(file, "not: a topology\n");
        assertThatThrownBy(() -> EarlyTopology.load(file)).isInstanceOf(RepconException.class);
    }

    private static String messageOf(Runnable load) {
        try {
            load.run();
        } catch (RepconException e) {
            return e.getMessage();
        }
        throw new AssertionError("the loader accepted a bad file");
    }
}

package org.repcon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/**
 * A lab with two masters for re-pointing: master and master2 each have a bayes instance (with a password
 * from $REPCON_TEST_PASSWORD, which the test JVM has), replica1 has client tunnels to both, and master2
 * one to master (so that re-pointing a master meets the guards rather than a missing tunnel).
 */
public final class TwoMasters {

    /** What surefire puts in REPCON_TEST_PASSWORD (pom.xml): tests assert it appears nowhere. */
    public static final String PASSWORD = "s3cret-Bayes-pw";

    private TwoMasters() {}

    public static String yaml(int block, Path dir) {
        String a = "127.0." + block + ".";
        return """
                name: twomasters
                platform: lab
                root: %s
                common:
                  maxmemory: 64M
                  settings:
                    repl-diskless-sync-delay: 0
                hosts:
                  master:
                    address: %s2
                    instances:
                      bayes: { port: 6378, password_env: REPCON_TEST_PASSWORD }
                      fuzzy: { port: 6377 }
                    tunnels:
                      bayes: { accept: 6478, to: bayes }
                      fuzzy: { accept: 6477, to: fuzzy }
                  master2:
                    address: %s3
                    instances:
                      bayes: { port: 6378, password_env: REPCON_TEST_PASSWORD }
                    tunnels:
                      bayes: { accept: 6478, to: bayes }
                      back: { accept: 6479, client: master/bayes }
                  replica1:
                    address: %s4
                    instances:
                      redis: { port: 6379 }
                      bayes: { port: 6378, replicaof: master/bayes }
                      fuzzy: { port: 6377, replicaof: master/fuzzy }
                    tunnels:
                      bayes: { accept: 6478, client: master/bayes }
                      bayes2: { accept: 6480, client: master2/bayes }
                      fuzzy: { accept: 6477, client: master/fuzzy }
                """.formatted(dir.toAbsolutePath(), a, a, a);
    }

    /** The topology file written as DIR/twomasters.yaml, loaded. */
    public static Topology topology(int block, Path dir) {
        try {
            Path file = dir.resolve("twomasters.yaml");
            Files.writeString(file, yaml(block, dir));
            return TopologyLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

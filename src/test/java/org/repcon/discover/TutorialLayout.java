package org.repcon.discover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The tutorial's FreeBSD deployment as its reader sets it up by hand, one directory per host ({@code DIR/master},
 * {@code DIR/replica}): the files of src/test/resources/discover/tutorial-freebsd, copied from the tutorial's text
 * (stunnel's from Rspamd's stunnel guide), and a PSK file on each host with a secret made for this run.
 */
final class TutorialLayout {

    private TutorialLayout() {}

    /** Lays the hosts' files out under {@code dir}; returns the PSK secret (it must appear in no output). */
    static String write(Path dir) {
        try {
            Path source = Path.of(TutorialLayout.class.getResource("/discover/tutorial-freebsd").toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path target = dir.resolve(source.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String secret = HexFormat.of().formatHex(bytes);
            for (String host : new String[] {"master", "replica"}) {
                Files.writeString(dir.resolve(host + "/usr/local/etc/stunnel/psk.txt"), "replica:" + secret + "\n");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(Path dir, String host, String path) {
        return dir.resolve(host + path);
    }
}

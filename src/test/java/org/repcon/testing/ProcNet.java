package org.repcon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What a process listens on, read from Linux's /proc: its socket inodes matched against /proc/net. */
public final class ProcNet {

    private static final String LISTEN = "0A";

    private ProcNet() {}

    /** The local addresses (hex, as /proc/net/tcp writes them) of the TCP sockets the process listens on. */
    public static List<String> tcpListeners(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.strip().split("\\s+");
                // local_address is field 1, st field 3, inode field 9
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) listening.add(f[1]);
            }
        }
        return listening;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return ""; // closed meanwhile
                }
            }).filter(link -> link.startsWith("socket:[")).map(link -> link.substring(8, link.length() - 1))
                    .collect(Collectors.toSet());
        }
    }
}

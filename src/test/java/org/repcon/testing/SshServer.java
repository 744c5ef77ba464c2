package org.repcon.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.repcon.topology.Access;

/**
 * A real OpenSSH server for a test class, on 127.0.0.1 and a free port, with its own host key, client key,
 * known_hosts and configs in a directory of its own, so nothing depends on (or touches) ~/.ssh. The client
 * side is an ssh config file for {@code ssh -F}: what the topology's {@code ssh.options} point ssh at.
 * Closing kills sshd and the sessions it forked; a JVM shutdown hook is the backstop for a run that dies.
 * Missing OpenSSH programs fail the test with the package to install: these tests never skip.
 */
public record SshServer(Path dir, int port, List<String> addresses, Process sshd) implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(SshServer::kill), "sshd-reaper"));
    }

    /**
     * sshd on 127.0.0.1 and on {@code moreAddresses} (other loopback addresses, so that a topology can name
     * several hosts, each with an address of its own, all served by this sshd), same port on each.
     */
    public static SshServer start(Path parent, String... moreAddresses) {
        Path sshdBinary = Tools.require("sshd", "openssh-server");
        Tools.require("ssh", "openssh-client");
        Tools.require("ssh-keygen", "openssh-client");
        try {
            Path dir = Files.createDirectories(parent.resolve("sshd"));
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            String hostKey = Files.readString(dir.resolve("host_key.pub")).strip();
            String hostKeyLine = hostKey.substring(0, hostKey.lastIndexOf(' ')); // "ssh-ed25519 AAAA...", no comment
            int port = RedisProcess.freePort();
            List<String> addresses = new ArrayList<>(List.of("127.0.0.1"));
            addresses.addAll(List.of(moreAddresses));
            List<String> listen = addresses.stream().map(a -> "ListenAddress " + a).toList();
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + port,
                    String.join("\n", listen),
                    "HostKey " + dir.resolve("host_key"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "UsePAM no",
                    "PermitRootLogin prohibit-password", // the tests run as root in CI containers
                    "StrictModes no", // the temporary directory's modes are not sshd's business here
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "AllowTcpForwarding yes",
                    "X11Forwarding no",
                    "PrintMotd no",
                    ""));
            Files.writeString(dir.resolve("known_hosts"), knownHostsLine(addresses, port, hostKeyLine) + "\n");
            writeClientConfig(dir, port, "ssh_config", dir.resolve("known_hosts"));
            privilegeSeparationDirectory();
            Process sshd = new ProcessBuilder(sshdBinary.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            LIVE.add(sshd);
            SshServer server = new SshServer(dir, port, List.copyOf(addresses), sshd);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * sshd started as root wants its empty privilege separation directory, which a container that never ran
     * the ssh service lacks (the service's tmpfiles rule makes it): make it, as that rule would.
     */
    private static void privilegeSeparationDirectory() throws IOException {
        Path privsep = Path.of("/run/sshd");
        if (System.getProperty("user.name").equals("root") && !Files.isDirectory(privsep)) Files.createDirectories(privsep);
    }

    private static void keygen(Path key) {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "repcon-test", "-f", key.toString()));
    }

    private static void run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(argv + " failed: " + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** For every address and localhost (a jump through "localhost" to "127.0.0.1" is no loop to ssh). */
    private static String knownHostsLine(List<String> addresses, int port, String key) {
        StringBuilder names = new StringBuilder();
        for (String a : addresses) names.append('[').append(a).append("]:").append(port).append(',');
        return names + "[localhost]:" + port + " " + key;
    }

    private static void writeClientConfig(Path dir, int port, String name, Path knownHosts) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\n",
                "Host *",
                "  Port " + port,
                "  User " + System.getProperty("user.name"),
                "  IdentityFile " + dir.resolve("client_key"),
                "  IdentitiesOnly yes",
                "  IdentityAgent none",
                "  UserKnownHostsFile " + knownHosts,
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking no", // what repcon overrides: it must check host keys anyway
                ""));
    }

    private void awaitListening() {
        try {
            for (String address : addresses) {
                Await.until("sshd listens on " + address + ":" + port, Duration.ofSeconds(10),
                        () -> Daemons.accepts(address, port), Await.whileAlive(sshd));
            }
        } catch (AssertionError e) {
            close();
            throw new AssertionError(e.getMessage() + ": " + log());
        }
    }

    /** The client config (port, user, key, known_hosts) for {@code ssh -F}. */
    public Path clientConfig() {
        return dir.resolve("ssh_config");
    }

    /** ssh access as a topology would give it: {@code ssh: { options: [-F, CONFIG] }}, plus any extra options. */
    public Access access(String... moreOptions) {
        List<String> options = new ArrayList<>(List.of("-F", clientConfig().toString()));
        options.addAll(List.of(moreOptions));
        return new Access(Access.Method.SSH, Optional.empty(), Optional.empty(), options);
    }

    /**
     * A client config like the usual one but whose known_hosts holds {@code line}s for the server (empty: the
     * server's key is unknown), so that host key checking can be seen to refuse it.
     */
    public Path clientConfigWithKnownHosts(String name, String... knownHostsLines) {
        try {
            Path knownHosts = dir.resolve(name + ".known_hosts");
            Files.writeString(knownHosts, String.join("\n", knownHostsLines) + (knownHostsLines.length == 0 ? "" : "\n"));
            writeClientConfig(dir, port, name + ".ssh_config", knownHosts);
            return dir.resolve(name + ".ssh_config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A known_hosts line naming this server with a key that is not its own. */
    public String wrongKnownHostsLine() {
        Path other = dir.resolve("other_key");
        if (!Files.exists(other)) keygen(other);
        try {
            String key = Files.readString(dir.resolve("other_key.pub")).strip();
            return knownHostsLine(addresses, port, key.substring(0, key.lastIndexOf(' ')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("sshd.log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        kill(sshd);
        LIVE.remove(sshd);
    }

    /** sshd and the per-connection sshd processes it forked (which stay in its process tree). */
    private static void kill(Process p) {
        Processes.killTree(p, Duration.ofSeconds(10));
    }
}

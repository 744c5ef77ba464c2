package org.repcon.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repcon.topology.Access;
import org.repcon.topology.SshOptions;
import org.repcon.util.RepconException;

/**
 * The ssh command lines for one host, built on the system OpenSSH client so that the operator's ~/.ssh/config,
 * agent and jump hosts apply. ssh keeps the first value it gets for an option, and the command line comes
 * before any config file, so the order of the arguments decides who wins:
 * <ol>
 * <li>what repcon needs to own the terminal and the connection: BatchMode (never prompt), the control
 *     socket, no tty, no RemoteCommand or LocalCommand from a config file, owner-only forward sockets; the
 *     topology's user and port;</li>
 * <li>the topology's {@code ssh.options}, checked;</li>
 * <li>defaults the topology may override: StrictHostKeyChecking=yes (host keys are always checked; a config
 *     file's "no" or "accept-new" does not apply), ConnectTimeout, ServerAlive* (a dead host is noticed
 *     in about 15 s), LogLevel=ERROR (ssh's warnings would otherwise mix into commands' stderr);</li>
 * <li>{@code --} and the address, so that an address can never be read as an option.</li>
 * </ol>
 */
final class SshCommand {

    /** How long an idle master connection stays after its last session or forwarded connection closed. */
    static final Duration PERSIST = Duration.ofSeconds(60);
    static final int SERVER_ALIVE_INTERVAL_SECONDS = 5;
    static final int SERVER_ALIVE_COUNT_MAX = 3;

    /**
     * Keeps ssh from ever reading the terminal, also in processes it starts itself (a ProxyJump's inner ssh, which
     * does not inherit BatchMode): any prompt goes to an askpass program that fails, so it is declined at once.
     */
    static final Map<String, String> ENV = Map.of("SSH_ASKPASS", "false", "SSH_ASKPASS_REQUIRE", "force");

    private final String address;
    private final Access access;
    private final List<String> base;

    /** Checks the topology's options; a RepconException names the host and what is wrong with them. */
    SshCommand(String hostName, String address, Access access, Duration connectTimeout, Path controlPath) {
        this.address = address;
        this.access = access;
        checkOptions(hostName, access.options());
        List<String> b = new ArrayList<>(List.of("ssh",
                "-o", "BatchMode=yes",
                "-o", "ControlPath=" + controlPath.toString().replace("%", "%%"),
                "-o", "RequestTTY=no",
                "-o", "RemoteCommand=none",
                "-o", "PermitLocalCommand=no",
                // Forwards listen on unix sockets: owner-only (as a backstop to their 0700 directory), and a stale
                // file at a new forward's path is replaced rather than failing the forward.
                "-o", "StreamLocalBindMask=0177",
                "-o", "StreamLocalBindUnlink=yes"));
        access.user().ifPresent(u -> b.addAll(List.of("-l", u)));
        access.port().ifPresent(p -> b.addAll(List.of("-p", String.valueOf(p))));
        b.addAll(access.options());
        b.addAll(List.of(
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=" + Math.max(1, (connectTimeout.toMillis() + 999) / 1000),
                "-o", "ServerAliveInterval=" + SERVER_ALIVE_INTERVAL_SECONDS,
                "-o", "ServerAliveCountMax=" + SERVER_ALIVE_COUNT_MAX,
                "-o", "LogLevel=ERROR"));
        this.base = List.copyOf(b);
    }

    /** Starts the shared connection; ssh puts it in the background once authenticated and exits 0. */
    List<String> master() {
        return command(List.of("-o", "ControlMaster=yes", "-o", "ControlPersist=" + PERSIST.toSeconds(), "-N"), List.of());
    }

    /** A request to the running master: {@code check}, {@code exit}, {@code forward} with "-L", spec. */
    List<String> control(String operation, String... args) {
        List<String> options = new ArrayList<>(List.of("-o", "ControlMaster=no", "-O", operation));
        options.addAll(List.of(args));
        return command(options, List.of());
    }

    /** A session over the master running {@code remoteCommand} (one string for the remote shell). */
    List<String> session(String remoteCommand) {
        return command(List.of("-o", "ControlMaster=no"), List.of(remoteCommand));
    }

    private List<String> command(List<String> first, List<String> remote) {
        List<String> argv = new ArrayList<>(base.size() + first.size() + 3);
        argv.add(base.get(0));
        argv.addAll(first);
        argv.addAll(base.subList(1, base.size()));
        argv.add("--");
        argv.add(address);
        argv.addAll(remote);
        return argv;
    }

    /** "ssh admin@mx1:2222", with only what the topology says (ssh's config decides the rest). */
    String describe() {
        return "ssh " + access.user().map(u -> u + "@").orElse("") + address + access.port().map(p -> ":" + p).orElse("");
    }

    String address() {
        return address;
    }

    /** The topology's {@code ssh.options}, checked by the one list the loader checks them with ({@link SshOptions}). */
    static void checkOptions(String hostName, List<String> options) {
        SshOptions.problem(options).ifPresent(why -> {
            throw refuse(hostName, why);
        });
    }

    private static RepconException refuse(String hostName, String why) {
        return RepconException.invalid("host " + hostName + ": ssh.options: " + why);
    }
}

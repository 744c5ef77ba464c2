package org.repcon.discover;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.topology.Access;
import org.repcon.topology.SshOptions;
import org.repcon.util.RepconException;

/**
 * One host named on discover's command line: {@code NAME=local}, or {@code NAME=[user@]address[:port]} reached by ssh
 * (an IPv6 address in brackets: {@code NAME=[::1]:22}).
 */
public record HostSpec(String name, Optional<String> user, Optional<String> address, Optional<Integer> port) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern REMOTE = Pattern.compile(
            "(?:([A-Za-z_][A-Za-z0-9._-]*)@)?(?:\\[([0-9A-Fa-f:.]+)]|([A-Za-z0-9][A-Za-z0-9.-]*))(?::([0-9]{1,5}))?");

    public boolean local() {
        return address.isEmpty();
    }

    /** As it is written on the command line. */
    public String text() {
        if (local()) return name + "=local";
        String a = address.get().contains(":") ? "[" + address.get() + "]" : address.get();
        return name + "=" + user.map(u -> u + "@").orElse("") + a + port.map(p -> ":" + p).orElse("");
    }

    /** How the topology (and the transport) reaches it; {@code sshOptions} go to every ssh host. */
    public Access access(List<String> sshOptions) {
        if (local()) return Access.LOCAL;
        return new Access(Access.Method.SSH, user, port, sshOptions);
    }

    /** A RepconException (invalid input) naming what is wrong with {@code text}. */
    public static HostSpec parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) throw RepconException.invalid("host '" + text + "': write NAME=local or NAME=[user@]address[:port]");
        String name = text.substring(0, eq);
        String where = text.substring(eq + 1);
        if (!NAME.matcher(name).matches()) {
            throw RepconException.invalid("host '" + text + "': a name holds letters, digits, '.', '_' and '-'");
        }
        if (where.equals("local")) return new HostSpec(name, Optional.empty(), Optional.empty(), Optional.empty());
        Matcher m = REMOTE.matcher(where);
        if (!m.matches()) {
            throw RepconException.invalid("host '" + text + "': '" + where + "' is not local nor [user@]address[:port]");
        }
        Optional<Integer> port = Optional.ofNullable(m.group(4)).map(Integer::parseInt);
        if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
            throw RepconException.invalid("host '" + text + "': ssh port " + port.get() + " is not 1-65535");
        }
        String address = m.group(2) != null ? m.group(2) : m.group(3);
        return new HostSpec(name, Optional.ofNullable(m.group(1)), Optional.of(address), port);
    }

    /** The same checks the topology's {@code ssh.options} get, so that discover runs no ssh the topology would refuse. */
    public static void checkSshOptions(List<String> options) {
        SshOptions.problem(options).ifPresent(p -> {
            throw RepconException.invalid("--ssh-option: " + p);
        });
    }
}

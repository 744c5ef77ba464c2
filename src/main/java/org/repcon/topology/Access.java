package org.repcon.topology;

import java.util.List;
import java.util.Optional;

/**
 * How repcon reaches a host: {@code local} (this machine) or {@code ssh} through the system
 * OpenSSH client, so that the operator's ~/.ssh/config, agent and jump hosts apply.
 *
 * @param user the remote user ({@code ssh -l}); empty: ssh's config decides
 * @param port the remote ssh port ({@code ssh -p}); empty: ssh's config decides
 * @param options extra ssh arguments, word by word, placed before the address: {@code ["-J", "jump.example.org"]},
 *                {@code ["-o", "IdentityFile=~/.ssh/repcon"]}, {@code ["-F", "/path/to/ssh_config"]}; which flags
 *                are accepted is {@link SshOptions}, checked at load and again where ssh is run
 */
public record Access(Method method, Optional<String> user, Optional<Integer> port, List<String> options) {

    public enum Method { LOCAL, SSH }

    public static final Access LOCAL = new Access(Method.LOCAL, Optional.empty(), Optional.empty(), List.of());

    public Access {
        options = List.copyOf(options);
    }

    public boolean isLocal() {
        return method == Method.LOCAL;
    }
}

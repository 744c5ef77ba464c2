package org.repcon.topology;

import java.util.List;
import java.util.Optional;

/**
 * How repcon reaches a host: {@code local} (this machine) or {@code ssh} through the system
 * OpenSSH client, so that the operator's ~/.ssh/config, agent and jump hosts apply.
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

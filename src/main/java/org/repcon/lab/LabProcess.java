package org.repcon.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * One process of a lab: a redis-server, a host's stunnel, or a plain relay standing in for it.
 *
 * @param readyAddress where it accepts connections once it is up
 */
public record LabProcess(Type type, String host, String name, Path pidFile, List<String> command, String readyAddress,
                         int readyPort) {

    public enum Type { REDIS, STUNNEL, RELAY }

    public LabProcess {
        command = List.copyOf(command);
    }

    public String label() {
        return switch (type) {
            case REDIS -> host + "/" + name;
            case STUNNEL -> host + " stunnel";
            case RELAY -> host + " relay, NO TLS";
        };
    }
}

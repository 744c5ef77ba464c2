package org.repcon.probe;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@code slaveN:ip=..,port=..,state=..,offset=..,lag=..} line of a master's INFO. Behind stunnel
 * every replica shows {@code ip=127.0.0.1}; {@code port} is the replica's own announced listening port.
 *
 * @param state online, wait_bgsave, send_bulk (or whatever the server says)
 * @param offset the replication offset the replica last acknowledged
 * @param lag seconds since the replica's last acknowledgement (replicas ACK every second)
 */
public record ReplicaEntry(int index, String ip, OptionalInt port, String state, OptionalLong offset, OptionalLong lag) {

    public boolean online() {
        return state.equals("online");
    }
}

package org.repcon.probe;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@code slaveN:ip=..,port=..,state=..,offset=..,lag=..} line of a master's INFO. Behind stunnel
 * every replica shows {@code ip=127.0.0.1}; {@code port} is the replica's own announced listening port.
 *
 * @param state online, wait_bgsave, send_bulk (or whatever the server says; Valkey adds bg_transfer)
 * @param offset the replication offset the replica last acknowledged
 * @param lag seconds since the replica's last acknowledgement (replicas ACK every second)
 * @param type Valkey's {@code type=}: replica, or during a dual-channel sync rdb-channel and main-channel; "" when the
 *             server does not say (Redis)
 */
public record ReplicaEntry(int index, String ip, OptionalInt port, String state, OptionalLong offset, OptionalLong lag,
                           String type) {

    public boolean online() {
        return state.equals("online");
    }

    /**
     * The second connection of a replica in a Valkey dual-channel sync, which carries only the RDB: the master lists
     * that replica twice meanwhile (connected_slaves counts both), so it is no replica of its own.
     */
    public boolean rdbChannel() {
        return type.equals("rdb-channel");
    }
}

package org.repcon.probe;

/** What INFO's {@code role} says an instance is. */
public enum Role {
    MASTER,
    REPLICA,
    /** No role field, or one this version of repcon does not know. */
    UNKNOWN;

    static Role of(String text) {
        return switch (text) {
            case "master" -> MASTER;
            case "slave", "replica" -> REPLICA;
            default -> UNKNOWN;
        };
    }
}

package org.repcon.command;

/** What a positional word of a command must be; completion offers candidates by it. */
public enum Slot {
    /** A host, an instance ({@code HOST/INSTANCE}) or a tunnel ({@code HOST/tunnel/NAME}). */
    ANY_TARGET("TARGET"),
    /** Something a service manager runs: an instance, or a host's stunnel named by one of its tunnels. */
    SERVICE("HOST/INSTANCE|HOST/tunnel/NAME"),
    /** An instance that is a replica in the topology (completion offers only those; the action checks the live role). */
    REPLICA("HOST/INSTANCE"),
    /** The word {@code to}. */
    TO("to"),
    /** A master for the replica named before: same kind of data, another host, no replica itself. */
    MASTER("HOST/INSTANCE"),
    /** A master in the topology that has replicas (what restore brings back). */
    PRIMARY("MASTER"),
    /** The word {@code from}. */
    FROM("from"),
    /** A replica of the master named before (where restore takes the data from). */
    SOURCE("REPLICA"),
    /** A diagnosis code. */
    CODE("CODE"),
    VERB("VERB"),
    /** A host of the topology. */
    HOST("HOST"),
    /** Free words to the end of the line (a filter): not options, not split further. */
    TEXT("TEXT"),
    THEME("NAME"),
    SECONDS("SECONDS"),
    /** Any instance of the topology. */
    INSTANCE("HOST/INSTANCE"),
    /** A directive repcon manages ({@link Setting}). */
    PARAMETER("PARAMETER"),
    /** The rest of the words: a directive's value (none, one or three words). */
    VALUE("VALUE"),
    /** How the hosts are ordered: {@code health} or {@code name}. */
    ORDER("health|name"),
    /** A length of time: a number and a unit (30m, 8h, 2d). */
    DURATION("DURATION");

    private final String label;

    Slot(String label) {
        this.label = label;
    }

    /** How usage lines write it. */
    public String label() {
        return label;
    }
}

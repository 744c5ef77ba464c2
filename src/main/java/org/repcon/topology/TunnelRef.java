package org.repcon.topology;

import java.util.Optional;

/**
 * {@code HOST/tunnel/NAME}: one stunnel service section on a named host. A type of its own, so that a tunnel and an
 * instance of one name (both often called {@code bayes}) never compare equal or stand in for each other.
 */
public record TunnelRef(String host, String name) {

    /** {@code HOST/tunnel/NAME}, as {@link #toString()} prints it; empty for anything else. */
    public static Optional<TunnelRef> parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || !parts[1].equals("tunnel") || parts[0].isBlank() || parts[2].isBlank()) return Optional.empty();
        return Optional.of(new TunnelRef(parts[0], parts[2]));
    }

    /** From a topology's {@code client: HOST/TUNNEL}, which names the server end in the short form. */
    public static TunnelRef of(InstanceRef shortForm) {
        return new TunnelRef(shortForm.host(), shortForm.name());
    }

    /** As targets are typed and findings name it. */
    @Override
    public String toString() {
        return host + "/tunnel/" + name;
    }

    /** As the topology file writes a client end's server: {@code HOST/TUNNEL}. */
    public String shortForm() {
        return host + "/" + name;
    }
}

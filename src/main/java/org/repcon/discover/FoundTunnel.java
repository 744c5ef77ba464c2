package org.repcon.discover;

/** One stunnel service of a host, and what it was paired with: an instance there (server end) or a server end elsewhere. */
final class FoundTunnel {

    final String host;
    final StunnelConf.Service service;
    /** Server end: the instance of this host it forwards to. */
    String to;
    /** Client end: the server end it connects to, as {@code HOST/TUNNEL}. */
    String client;

    FoundTunnel(String host, StunnelConf.Service service) {
        this.host = host;
        this.service = service;
    }

    String name() {
        return service.name();
    }

    String ref() {
        return host + "/" + service.name();
    }
}

package org.repcon.discover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * stunnel's configuration as stunnel reads it: {@code option = value} lines (no quoting; '#' and ';' start a
 * comment line), global options first, then one {@code [service]} section each. Only what pairs tunnels is kept:
 * client or server, accept, connect, the PSK file and identity. The PSK file itself is read for its identities
 * only; the secrets never leave {@link #identities}.
 */
final class StunnelConf {

    /** One service section. */
    record Service(String name, boolean client, Optional<String> acceptAddress, int accept, Optional<String> connectAddress,
                   int connect, Optional<String> pskSecrets, Optional<String> pskIdentity, String file, int line) {
        String where() {
            return file + ":" + line;
        }
    }

    final Map<String, String> globals = new LinkedHashMap<>();
    final List<Service> services = new ArrayList<>();

    private StunnelConf() {}

    /**
     * Parses {@code text} of the file at {@code path} on the host ({@code shown} in messages); a service without a
     * usable accept or connect port is an error of the report.
     */
    static StunnelConf parse(String host, String path, String shown, String text, Report report) {
        StunnelConf conf = new StunnelConf();
        String section = null;
        int sectionLine = 0;
        Map<String, String> options = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n <= lines.length; n++) {
            String line = n < lines.length ? lines[n].strip() : "[";
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                if (section != null) conf.service(host, path, shown, section, sectionLine, options, report);
                section = line.endsWith("]") ? line.substring(1, line.length() - 1).strip() : null;
                sectionLine = n + 1;
                options = new LinkedHashMap<>();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (section == null) conf.globals.put(key, value);
            else options.put(key, value);
        }
        return conf;
    }

    private void service(String host, String path, String shown, String name, int line, Map<String, String> o, Report report) {
        boolean client = o.getOrDefault("client", "no").equalsIgnoreCase("yes");
        Optional<String[]> accept = Optional.ofNullable(o.get("accept")).map(StunnelConf::hostPort);
        Optional<String[]> connect = Optional.ofNullable(o.get("connect")).map(StunnelConf::hostPort);
        int acceptPort = accept.map(a -> port(a[1])).orElse(-1);
        int connectPort = connect.map(c -> port(c[1])).orElse(-1);
        if (acceptPort < 0 || connectPort < 0) {
            report.error(host + ": " + shown + ":" + line + ": stunnel service [" + name + "] has no usable "
                    + (acceptPort < 0 ? "accept" : "connect") + " port");
            return;
        }
        services.add(new Service(name, client, accept.map(a -> a[0]), acceptPort, connect.map(c -> c[0]), connectPort,
                Optional.ofNullable(o.get("psksecrets")), Optional.ofNullable(o.get("pskidentity")), path, line));
    }

    /** "host:port", "[v6]:port" or "port" as {address or null, port}. */
    private static String[] hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) return new String[] {null, value};
        String address = value.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) address = address.substring(1, address.length() - 1);
        return new String[] {address.isEmpty() ? null : address, value.substring(colon + 1)};
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The identities of a PSK file ({@code identity:secret} lines): what is before the first ':', nothing after. */
    static List<String> identities(String pskText) {
        List<String> ids = new ArrayList<>();
        for (String l : pskText.split("\n")) {
            int colon = l.indexOf(':');
            if (colon > 0 && !l.strip().startsWith("#")) ids.add(l.substring(0, colon).strip());
        }
        return ids;
    }
}

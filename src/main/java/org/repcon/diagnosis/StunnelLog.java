package org.repcon.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a host's stunnel log says about a failing tunnel: its errors and warnings (LOG0-LOG4), without the lines that
 * say nothing on their own ("No more addresses to connect" follows every refused connect; "unexpected eof" is a
 * connect-only probe such as repcon's own of a server end) and without another tunnel's connects.
 */
final class StunnelLog {

    private static final Pattern LINE = Pattern.compile("^(\\S+ \\S+) LOG[0-4]\\[[^]]*]: (.*)$");
    private static final Pattern CONNECT = Pattern.compile("connect \\S+:(\\d+):");
    private static final List<String> SILENT = List.of("No more addresses to connect", "unexpected eof while reading",
            "No trusted certificates found", "pthread_join() failed");

    private StunnelLog() {}

    /**
     * The newest {@code max} distinct messages among {@code lines} (each with the time it last appeared), leaving out
     * connects to another port than {@code connectPort}, the one this tunnel connects to.
     */
    static List<String> errors(List<String> lines, int connectPort, int max) {
        Map<String, String> lastTime = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches() || SILENT.stream().anyMatch(m.group(2)::contains)) continue;
            Matcher c = CONNECT.matcher(m.group(2));
            if (c.find() && Integer.parseInt(c.group(1)) != connectPort) continue;
            lastTime.remove(m.group(2)); // re-inserted last: the order is by latest appearance
            lastTime.put(m.group(2), m.group(1));
        }
        List<String> out = new ArrayList<>();
        lastTime.forEach((message, time) -> out.add(time + " " + message));
        return out.size() <= max ? out : out.subList(out.size() - max, out.size());
    }
}

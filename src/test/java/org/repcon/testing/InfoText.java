package org.repcon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;

/**
 * A recorded INFO reply (a test resource, CRLF kept) with single fields changed: the real reply of a
 * real server, bent just enough to make a case, never a reply written by hand.
 */
public final class InfoText {

    private final String text;

    private InfoText(String text) {
        this.text = text;
    }

    /** A reply from the test classpath, e.g. {@code recorded/valkey-8.0.1-replica-healthy-info.txt}. */
    public static InfoText resource(String path) {
        return new InfoText(Resources.text(path));
    }

    /** The reply with {@code field} set to {@code value}: its line replaced, or added at the end when absent. */
    public InfoText with(String field, Object value) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
        String line = field + ":" + value;
        int at = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(field + ":")) at = i;
        if (at >= 0) lines.set(at, line);
        else lines.add(lines.isEmpty() || !lines.get(lines.size() - 1).isEmpty() ? lines.size() : lines.size() - 1, line);
        return new InfoText(String.join("\r\n", lines));
    }

    /** The reply without {@code field}'s line. */
    public InfoText without(String field) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
        lines.removeIf(l -> l.startsWith(field + ":"));
        return new InfoText(String.join("\r\n", lines));
    }

    public Info info() {
        return InfoParser.parse(text);
    }

    public String text() {
        return text;
    }

    /** Test resources as text. */
    public static final class Resources {

        private Resources() {}

        public static String text(String path) {
            try (InputStream in = InfoText.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) throw new IllegalArgumentException("no test resource " + path);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static List<String> lines(String path) {
            return text(path).lines().toList();
        }
    }
}

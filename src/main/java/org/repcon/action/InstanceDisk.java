package org.repcon.action;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.repcon.syntax.RedisConfQuote;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.util.Format;
import org.repcon.util.RepconException;

/**
 * What an instance would load if it started now, read on its host through the transport: its persistence settings
 * from its config file (with the files it includes, as Redis reads them: the last word wins, {@code save} lines
 * add up and {@code save ""} clears them), and its RDB file's size, age and header; with {@code appendonly yes}, its
 * AOF directory.
 *
 * @param saves the effective {@code save} rules; empty when the file turns RDB snapshots off ({@code save ""})
 * @param rdb the RDB file ({@code dir/dbfilename}); {@link FileFacts#exists()} false when missing
 * @param aof with appendonly, the AOF Redis would load: the manifest in {@code dir/appenddirname} (7.0 and later), else
 *            the single {@code dir/appendfilename} of 6.2; when neither exists Redis starts empty, whatever the RDB holds
 */
record InstanceDisk(String configPath, boolean configRead, String saves, boolean appendonly, FileFacts rdb,
                    Optional<FileFacts> aof, Optional<RdbHeader> header) {

    /** Redis's own default when no {@code save} line is given (7.0 and later). */
    static final String DEFAULT_SAVE = "3600 1 300 100 60 10000";
    private static final int MAX_INCLUDES = 8;
    private static final Duration STAT_TIMEOUT = Duration.ofSeconds(10);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** A file or directory on the host: whether it exists, its size in bytes and its modification time. */
    record FileFacts(String path, boolean exists, long size, long mtimeSeconds) {
        String age(long nowSeconds) {
            return CLOCK.format(Instant.ofEpochSecond(mtimeSeconds)) + ", " + Format.duration(Math.max(0, nowSeconds - mtimeSeconds)) + " ago";
        }
    }

    boolean persists() {
        return !saves.isBlank() || appendonly;
    }

    static InstanceDisk read(ActionContext ctx, Instance instance) {
        Host host = ctx.topology().hostOf(instance);
        Transport t = ctx.transport(host);
        String config = host.instancePath(instance, Convention.INSTANCE_CONFIG);
        Settings s = new Settings();
        s.dir = host.instancePath(instance, Convention.DIR);
        s.dbfilename = host.instancePath(instance, Convention.DBFILENAME);
        boolean read = s.read(t, config, 0);
        String dir = s.dir.endsWith("/") ? s.dir : s.dir + "/";
        String rdbPath = dir + s.dbfilename;
        List<String> paths = new ArrayList<>(List.of(rdbPath));
        // An AOF directory that merely exists loads nothing: Redis 7 reads the manifest in it.
        if (s.appendonly) paths.addAll(List.of(dir + s.appenddirname + "/" + s.appendfilename + ".manifest", dir + s.appendfilename));
        List<FileFacts> facts = stat(t, host, paths);
        Optional<RdbHeader> header = Optional.empty();
        if (facts.get(0).exists()) header = t.readBytes(rdbPath, RdbHeader.PREFIX).flatMap(RdbHeader::parse);
        Optional<FileFacts> aof = !s.appendonly ? Optional.empty()
                : Optional.of(facts.get(1).exists() || !facts.get(2).exists() ? facts.get(1) : facts.get(2));
        return new InstanceDisk(config, read, s.saves == null ? DEFAULT_SAVE : s.saves.strip(), s.appendonly, facts.get(0), aof, header);
    }

    /** Whether a running instance with these settings saves to and loads from the same files as this file says. */
    boolean sameFiles(String runningDir, String runningDbfilename, boolean runningAppendonly) {
        return rdb.path().equals((runningDir.endsWith("/") ? runningDir : runningDir + "/") + runningDbfilename)
                && appendonly == runningAppendonly;
    }

    /** Size and mtime of each path, through the host's shell: GNU stat, else BSD stat (FreeBSD). */
    static List<FileFacts> stat(Transport t, Host host, List<String> paths) {
        // "-": missing; "?": its directory cannot be searched (no permission), so missing or not is unknown.
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "for f; do d=$(dirname -- \"$f\"); if [ -e \"$f\" ]; then"
                + " stat -c '%s %Y' -- \"$f\" 2>/dev/null || stat -f '%z %m' -- \"$f\"; elif [ -d \"$d\" ] && [ ! -x \"$d\" ]; then"
                + " echo '?'; else echo -; fi; done", "sh"));
        argv.addAll(paths);
        ExecResult r = t.exec(argv, STAT_TIMEOUT);
        if (!r.ok()) throw RepconException.failed("cannot look at " + String.join(", ", paths) + " on " + host.name() + ": " + r.summary());
        List<String> lines = r.stdout().lines().toList();
        if (lines.size() != paths.size()) throw RepconException.failed("unexpected answer from stat on " + host.name() + ": " + r.stdout().strip());
        List<FileFacts> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String[] w = lines.get(i).strip().split("\\s+");
            if (w.length == 2) {
                try {
                    out.add(new FileFacts(paths.get(i), true, Long.parseLong(w[0]), Long.parseLong(w[1])));
                    continue;
                } catch (NumberFormatException e) {
                    // said below
                }
            }
            if (w[0].equals("?")) {
                throw RepconException.failed("cannot tell whether " + paths.get(i) + " exists on " + host.name() + ": its directory is"
                        + " not searchable by this user; run repcon as a user that may read it (the redis user, or root)");
            }
            if (!w[0].equals("-")) throw RepconException.failed("unexpected answer from stat on " + host.name() + ": " + lines.get(i));
            out.add(new FileFacts(paths.get(i), false, 0, 0));
        }
        return out;
    }

    /** The directives that decide what is loaded at start, as Redis reads a config file. */
    private static final class Settings {
        String saves; // null: no save line, Redis's default applies
        boolean appendonly;
        String dir;
        String dbfilename;
        String appenddirname = "appendonlydir";
        String appendfilename = "appendonly.aof";

        /** Reads one file (and what it includes); false when the instance's own file does not exist. */
        boolean read(Transport t, String path, int depth) {
            Optional<String> text = t.readFile(path);
            if (text.isEmpty()) return false;
            for (String raw : text.get().lines().toList()) {
                List<String> w = RedisConfQuote.directive(raw).orElse(List.of());
                if (w.isEmpty()) continue;
                String arg = w.size() > 1 ? String.join(" ", w.subList(1, w.size())) : "";
                switch (w.get(0).toLowerCase(java.util.Locale.ROOT)) {
                    case "include" -> {
                        if (depth < MAX_INCLUDES && !arg.isEmpty()) read(t, arg, depth + 1);
                    }
                    case "save" -> saves = arg.isEmpty() ? "" : (saves == null ? "" : saves + " ") + arg;
                    case "appendonly" -> appendonly = arg.equalsIgnoreCase("yes");
                    case "dir" -> dir = arg;
                    case "dbfilename" -> dbfilename = arg;
                    case "appenddirname" -> appenddirname = arg;
                    case "appendfilename" -> appendfilename = arg;
                    default -> { }
                }
            }
            return true;
        }
    }
}

package org.repcon.monitor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.diagnosis.LearnActivity;
import org.repcon.probe.History;
import org.repcon.probe.InfoParser;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.InstanceSample;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;
import org.repcon.util.UserFile;
import org.repcon.util.Xdg;

/**
 * What a {@code check} keeps for the next one, as check_mk keeps its counters: each instance's last samples (their
 * INFO, so the counters and the event window of the rules that compare samples: full-sync-loop, backlog-too-small,
 * sync-stalled, lag by bytes, the refusals' errorstat rises, a master that came back empty), and when Rspamd's counters
 * on each master last moved (learning-stopped, which speaks of hours). A monitoring system runs
 * {@code check} as a new process each minute; without this, every counter rule saw one sample and said nothing.
 *
 * <p>One file per topology file (by its absolute path) under {@code $XDG_STATE_HOME/repcon/check/}. Written to a
 * temporary file and renamed, so two checks that overlap each write a whole file and the last one wins; a reader sees
 * the old or the new, never half. Bounded: {@link #SAMPLES} per instance, none older than {@link #MAX_AGE}.
 */
public final class CheckState {

    static final String FORMAT = "repcon-check-state";
    static final int VERSION = 1;
    /** Enough for sync-stalled's five refreshes and the lag trend's three, with one to spare. */
    static final int SAMPLES = 6;
    /** Older samples say nothing about now; a check that stopped for an hour starts afresh. */
    static final Duration MAX_AGE = Duration.ofMinutes(15);
    /** A state file above this is not one of ours (six samples of a dozen instances are ~400 KB). */
    static final long MAX_BYTES = 8L << 20;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** What an earlier check left: the instances' past and the masters' learn clocks, or nothing and why it was not usable. */
    public record Loaded(Map<InstanceRef, List<InstanceHistory.Entry>> past, Map<InstanceRef, LearnActivity> learning,
                         Optional<String> ignored) {}

    /** The file's shape; a missing field reads as null or 0. */
    private static final class FileForm {
        String format;
        int version;
        String topology;
        Map<String, List<EntryForm>> instances;
        /** Absent in a file of an older repcon: no clock kept. */
        Map<String, LearnForm> learning;
    }

    private static final class LearnForm {
        long total;
        long since;
        boolean moved;
    }

    private static final class EntryForm {
        long time;
        String status;
        String message;
        long rtt;
        Long lag;
        String info;
    }

    private CheckState() {}

    /** The state file of the topology file {@code topologyFile}: one per absolute path. */
    public static Path fileFor(Path topologyFile) {
        String path = topologyFile.toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return Xdg.stateHome().resolve("check").resolve(HexFormat.of().formatHex(digest, 0, 12) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The past kept in {@code stateFile} for the instances of {@code topology}, without samples older than
     * {@link #MAX_AGE} at {@code nowMs}. A missing file is a first run; a file that cannot be read, is not this
     * format or version, or belongs to another topology file is ignored, and {@link Loaded#ignored} says why.
     */
    public static Loaded load(Path stateFile, Path topologyFile, Topology topology, long nowMs) {
        if (!Files.exists(stateFile)) return new Loaded(Map.of(), Map.of(), Optional.empty());
        FileForm form;
        try {
            form = GSON.fromJson(UserFile.read(stateFile, StandardCharsets.UTF_8, MAX_BYTES), FileForm.class);
        } catch (RepconException e) {
            return ignored(e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            return ignored(stateFile + ": not a repcon check state (" + firstLine(e.getMessage()) + ")");
        }
        if (form == null || !FORMAT.equals(form.format)) return ignored(stateFile + ": not a repcon check state");
        if (form.version != VERSION) {
            return ignored(stateFile + ": version " + form.version + ", this repcon reads version " + VERSION);
        }
        if (form.instances == null) return ignored(stateFile + ": not a repcon check state");
        String topologyPath = topologyFile.toAbsolutePath().normalize().toString();
        if (!topologyPath.equals(form.topology)) return ignored(stateFile + ": kept for " + form.topology + ", not " + topologyPath);
        Map<InstanceRef, List<InstanceHistory.Entry>> past = new LinkedHashMap<>();
        for (Instance i : topology.instances().toList()) {
            List<EntryForm> entries = form.instances.get(i.ref().toString());
            if (entries == null) continue;
            List<InstanceHistory.Entry> kept = new ArrayList<>();
            for (EntryForm e : entries) {
                Optional<InstanceHistory.Entry> entry = entry(i.ref(), e);
                if (entry.isEmpty()) return ignored(stateFile + ": a sample of " + i.ref() + " is incomplete");
                if (e.time >= nowMs - MAX_AGE.toMillis() && e.time < nowMs) kept.add(entry.get());
            }
            past.put(i.ref(), kept);
        }
        Map<InstanceRef, LearnActivity> learning = new LinkedHashMap<>();
        if (form.learning != null) {
            for (Instance i : topology.instances().toList()) {
                LearnForm l = form.learning.get(i.ref().toString());
                if (l != null && l.since <= nowMs) learning.put(i.ref(), new LearnActivity(l.total, l.since, l.moved));
            }
        }
        return new Loaded(past, learning, Optional.empty());
    }

    /**
     * Keeps the newest samples of each instance of {@code topology} in {@code history}, and the masters' learn clocks,
     * for the next check, replacing the file whole.
     */
    public static void save(Path stateFile, Path topologyFile, Topology topology, History history,
                            Map<InstanceRef, LearnActivity> learning) {
        FileForm form = new FileForm();
        form.format = FORMAT;
        form.version = VERSION;
        form.topology = topologyFile.toAbsolutePath().normalize().toString();
        form.instances = new LinkedHashMap<>();
        for (Instance i : topology.instances().toList()) {
            List<InstanceHistory.Entry> entries = history.view(i.ref()).entries();
            List<EntryForm> newest = entries.subList(Math.max(0, entries.size() - SAMPLES), entries.size()).stream()
                    .map(CheckState::form).toList();
            form.instances.put(i.ref().toString(), newest);
        }
        form.learning = new LinkedHashMap<>();
        learning.forEach((ref, a) -> {
            LearnForm l = new LearnForm();
            l.total = a.total();
            l.since = a.unchangedSinceMs();
            l.moved = a.movedBefore();
            form.learning.put(ref.toString(), l);
        });
        AtomicFiles.replaceOrFail(stateFile, GSON.toJson(form), 0600);
    }

    private static EntryForm form(InstanceHistory.Entry entry) {
        InstanceSample s = entry.sample();
        EntryForm e = new EntryForm();
        e.time = s.timeMs();
        e.status = s.status().name();
        e.message = s.message();
        e.rtt = s.rttMicros();
        e.lag = entry.lagBytes().isPresent() ? entry.lagBytes().getAsLong() : null;
        e.info = s.info().map(org.repcon.probe.Info::text).orElse(null);
        return e;
    }

    private static Optional<InstanceHistory.Entry> entry(InstanceRef ref, EntryForm e) {
        if (e == null || e.status == null) return Optional.empty();
        InstanceSample.Status status;
        try {
            status = InstanceSample.Status.valueOf(e.status);
        } catch (IllegalArgumentException x) {
            return Optional.empty();
        }
        if ((status == InstanceSample.Status.OK) != (e.info != null) || status == InstanceSample.Status.PENDING) return Optional.empty();
        InstanceSample sample = status == InstanceSample.Status.OK ? InstanceSample.ok(ref, e.time, InfoParser.parse(e.info), e.rtt)
                : InstanceSample.failed(ref, e.time, status, e.message == null ? "" : e.message);
        return Optional.of(new InstanceHistory.Entry(sample,
                e.lag == null ? OptionalLong.empty() : OptionalLong.of(e.lag)));
    }

    private static Loaded ignored(String why) {
        return new Loaded(Map.of(), Map.of(), Optional.of(why));
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}

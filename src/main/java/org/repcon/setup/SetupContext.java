package org.repcon.setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.action.ActionContext;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.PskStore;
import org.repcon.config.RenderedFile;
import org.repcon.config.Rendering;
import org.repcon.config.SecretValues;
import org.repcon.topology.Host;
import org.repcon.topology.Secret;
import org.repcon.topology.Topology;
import org.repcon.transport.Transport;

/**
 * What the steps of one setup session share: the actions' context (transports, the lab's processes, limits), the
 * files as rendered with the real secrets, the state each file was last detected in and the content it is to get (a
 * running instance is compared with its files as they will be: {@link RunningConfig}), and which files it wrote after
 * it started stunnel, which has no running configuration to compare with its files.
 */
public final class SetupContext {

    /**
     * Stands in the PSK file for a secret not generated yet: the plan shows that file as differing, and applying
     * generates the secret first (once, in the topology's secrets file). Content holding it is never written.
     */
    static final String NEW_SECRET = "<a new secret, generated when setup applies>";

    private final ActionContext actions;
    private PskStore store;
    private final Map<String, Rendering> renderings = new HashMap<>();
    private final Map<String, State> fileStates = new HashMap<>();
    private final Map<String, String> pendingContent = new HashMap<>();
    private final Map<String, Long> writes = new HashMap<>();
    private final Map<String, Long> starts = new HashMap<>();
    private long clock;

    SetupContext(ActionContext actions) {
        this.actions = actions;
    }

    public ActionContext actions() {
        return actions;
    }

    public Topology topology() {
        return actions.topology();
    }

    Transport transport(Host host) {
        return actions.transport(host);
    }

    /** Every file and command the host needs, with the real secrets (and {@link #NEW_SECRET} for those not made yet). */
    synchronized Rendering rendering(Host host) {
        return renderings.computeIfAbsent(host.name(), h -> ConfigRenderer.render(topology(), host, secrets()));
    }

    RenderedFile file(Host host, String path) {
        return rendering(host).files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rendered file " + path + " for " + host.name()));
    }

    private synchronized PskStore store() {
        if (store == null) store = PskStore.read(topology().secrets());
        return store;
    }

    private SecretValues secrets() {
        PskStore s = store();
        return new SecretValues() {
            @Override
            public String psk(String identity) {
                return s.has(identity) ? s.secret(identity) : NEW_SECRET;
            }

            @Override
            public String password(Secret secret) {
                return secret.reveal();
            }
        };
    }

    /** The PSK identities of the topology that have no secret yet. */
    List<String> missingSecrets() {
        PskStore s = store();
        return ConfigRenderer.pskIdentities(topology()).stream().filter(id -> !s.has(id)).toList();
    }

    /** Generates the missing PSK secrets, once, into the topology's secrets file (mode 0600); returns their identities. */
    synchronized List<String> ensureSecrets() {
        List<String> missing = new ArrayList<>(missingSecrets());
        if (missing.isEmpty()) return missing;
        store = PskStore.ensure(topology().secrets(), ConfigRenderer.pskIdentities(topology()));
        renderings.clear();
        return missing;
    }

    // ---- what this session saw and did ----

    /** A file as detected: its state, and the content it is to get when not done (held here, never shown: it may hold secrets). */
    synchronized void fileState(Host host, String path, State state, String wanted) {
        fileStates.put(host.name() + " " + path, state);
        if (state == State.MISSING || state == State.DIFFERS) pendingContent.put(host.name() + " " + path, wanted);
        else pendingContent.remove(host.name() + " " + path);
    }

    synchronized void written(Host host, String path) {
        writes.put(host.name() + " " + path, ++clock);
        fileStates.put(host.name() + " " + path, State.DONE);
        pendingContent.remove(host.name() + " " + path);
    }

    /** The content a file is to get, when it was last detected as still to be written. */
    synchronized Optional<String> toWrite(Host host, String path) {
        return Optional.ofNullable(pendingContent.get(host.name() + " " + path));
    }

    synchronized void started(Host host, String service) {
        starts.put(host.name() + " " + service, ++clock);
    }

    /** Which of the paths are still to be written, as last detected. */
    synchronized List<String> toBeWritten(Host host, List<String> paths) {
        return paths.stream().filter(p -> {
            State s = fileStates.get(host.name() + " " + p);
            return s == State.MISSING || s == State.DIFFERS;
        }).toList();
    }

    /**
     * Which of a running service's files it has not loaded: those still to be written (as last detected), and those
     * this session wrote after it last started the service. For stunnel only, whose running configuration cannot be
     * asked: this session's memory is all there is.
     */
    synchronized List<String> notLoaded(Host host, String service, List<String> paths) {
        long start = starts.getOrDefault(host.name() + " " + service, 0L);
        List<String> due = toBeWritten(host, paths);
        return paths.stream().filter(p -> due.contains(p) || writes.getOrDefault(host.name() + " " + p, 0L) > start).toList();
    }

    /** Fails when content still holds a stand-in for a secret: such a file must never reach a host. */
    static void checkNoStandIn(String path, String content) {
        if (content.contains(NEW_SECRET)) {
            throw new IllegalStateException(path + " still holds a stand-in for a PSK secret; secrets are made before writing");
        }
    }

}

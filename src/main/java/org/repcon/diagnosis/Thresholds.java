package org.repcon.diagnosis;

import java.time.Duration;

/**
 * Where normal ends. Defaults follow Redis: a master PINGs its replicas every 10 s
 * (repl-ping-replica-period), so an idle link may be silent that long.
 *
 * @param eventWindow how far back a past event (a failed partial resync, a full sync) still counts
 * @param learnStall how long Rspamd's counters on a master may stand still, after they were seen to move, before
 *                   learning counts as stopped: long, since a small site's night brings no mail to learn from
 */
public record Thresholds(long lagWarnSeconds, long lagWarnBytes, double memoryNearFraction, int fullSyncLoop,
                         Duration eventWindow, int stalledSamples, Duration learnStall) {

    /**
     * How long a replica's link may be down before it is a finding: a replica retries once a second, so after a
     * repair or a start it reconnects within about two refreshes, and a link-down meanwhile would only flash.
     */
    public static final long LINK_RECONNECT_GRACE_SECONDS = 3;

    public static Thresholds defaults() {
        return new Thresholds(20, 4L * 1024 * 1024, 0.9, 2, Duration.ofMinutes(2), 5, Duration.ofHours(2));
    }

    public Thresholds withEventWindow(Duration window) {
        return new Thresholds(lagWarnSeconds, lagWarnBytes, memoryNearFraction, fullSyncLoop, window, stalledSamples, learnStall);
    }

    public Thresholds withLearnStall(Duration stall) {
        return new Thresholds(lagWarnSeconds, lagWarnBytes, memoryNearFraction, fullSyncLoop, eventWindow, stalledSamples, stall);
    }
}

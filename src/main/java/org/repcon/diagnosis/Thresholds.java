package org.repcon.diagnosis;

import java.time.Duration;

/**
 * Where normal ends. Defaults follow Redis: a master PINGs its replicas every 10 s
 * (repl-ping-replica-period), so an idle link may be silent that long.
 *
 * @param eventWindow how far back a past event (a failed partial resync, a full sync) still counts
 */
public record Thresholds(long lagWarnSeconds, long lagWarnBytes, double memoryNearFraction, int fullSyncLoop,
                         Duration eventWindow, int stalledSamples) {

    /**
     * How long a replica's link may be down before it is a finding: a replica retries once a second, so after a
     * repair or a start it reconnects within about two refreshes, and a link-down meanwhile would only flash.
     */
    public static final long LINK_RECONNECT_GRACE_SECONDS = 3;

    public static Thresholds defaults() {
        return new Thresholds(20, 4L * 1024 * 1024, 0.9, 2, Duration.ofMinutes(2), 5);
    }

    public Thresholds withEventWindow(Duration window) {
        return new Thresholds(lagWarnSeconds, lagWarnBytes, memoryNearFraction, fullSyncLoop, window, stalledSamples);
    }
}

package org.repcon.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.repcon.probe.RspamdCounts.PerUser;
import org.repcon.probe.RspamdCounts.PerUser.Sum;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Rspamd's per-user Bayes statistics in one bayes instance. Beside the global hash {@code RS}, a learn for a user goes
 * to the hash {@code RS} plus the user's name, and the sets {@code BAYES_SPAM_keys} and {@code BAYES_HAM_keys} list
 * every such hash: Rspamd's own statistics sum {@code learns_spam} over the first and {@code learns_ham} over the
 * second. This sums them the same way, pipelined behind INFO like the global counters, within bounds:
 *
 * <ul>
 *   <li>each probe asks the sets' sizes ({@code SCARD}, constant time), so a change of the user list is seen at once;</li>
 *   <li>the members are read (one {@code SSCAN} of at most {@link #AT_MOST}) when none are known or the sizes changed;
 *       sets over that bound are not read (then only the global {@code RS} and the sizes are shown);</li>
 *   <li>the per-user hashes' counters are read with every probe while there are at most {@link #EVERY_REFRESH} of them,
 *       else when asked ({@link #want}, once a minute with the running configuration), the last sums carried
 *       between.</li>
 * </ul>
 *
 * <p>A sum over a member list read before the sets changed is said to be stale: diagnosis compares master and replica
 * only on sums read in this probe over the sets as they are ({@link PerUser#complete}). Used by one probe at a time.
 */
final class StatfileSums {

    static final String SPAM_SET = "BAYES_SPAM_keys";
    static final String HAM_SET = "BAYES_HAM_keys";
    /** Per-user hashes summed with every probe up to this many (each one HGET in the pipeline). */
    static final int EVERY_REFRESH = 64;
    /** Sets larger than this are not read: their sizes alone are shown. */
    static final int AT_MOST = 10_000;
    /** One more than the bound: Redis's scan stops once it holds COUNT members, so a set within the bound comes whole. */
    private static final ScanParams SCAN = new ScanParams().count(AT_MOST + 1);

    /** The sets' members but the global RS, as last read; null before the first read. */
    private List<String> spamUsers;
    private List<String> hamUsers;
    /** The sets' sizes when their members were read (the global RS included). */
    private Sizes read = Sizes.UNKNOWN;
    /** The sets' sizes the last probe saw. */
    private Sizes last = Sizes.UNKNOWN;
    private long carriedSpam;
    private long carriedHam;
    private boolean carried;
    /** The sets' sizes at which a scan did not come whole: not scanned again until they change. */
    private Sizes scanFailedAt = Sizes.UNKNOWN;
    /**
     * When the instance last refused the sets (an ACL: NOPERM) or held another type under their names; asked again only
     * {@link #ASK_AGAIN_AFTER_NANOS} later, since each refusal counts in its {@code errorstat_*} (an ACL fixed, a key
     * removed: seen within that time, without a restart).
     */
    private long refusedAt;
    private boolean refused;
    static final long ASK_AGAIN_AFTER_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
    private final java.util.function.LongSupplier nanoClock;
    /** Set from the monitor's thread ({@link #want}), taken by the probe's. */
    private final java.util.concurrent.atomic.AtomicBoolean wanted = new java.util.concurrent.atomic.AtomicBoolean(true);

    StatfileSums() {
        this(System::nanoTime);
    }

    StatfileSums(java.util.function.LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The members are known and the sets unchanged since: the next probe sums (a fresh connection's third round trip). */
    boolean summable() {
        return spamUsers != null && users() > 0 && last.equals(read) && !carried;
    }

    /** Sums the large lists with the next probe too. */
    void want() {
        wanted.set(true);
    }

    /**
     * What one probe asks, queued on its pipeline; read its replies after the pipeline's sync. Null for a while after the
     * instance refused the sets: each refusal would count in its {@code errorstat_*}.
     */
    Pending queue(Pipeline p) {
        if (refused && nanoClock.getAsLong() - refusedAt < ASK_AGAIN_AFTER_NANOS) return null;
        refused = false;
        Pending q = new Pending();
        q.spamCard = p.scard(SPAM_SET);
        q.hamCard = p.scard(HAM_SET);
        boolean known = spamUsers != null;
        boolean changed = known && !last.equals(read);
        // Members by one SSCAN of at most AT_MOST (a small set's whole in one reply): bounded also before a size is known.
        boolean mayBeFull = last.equals(Sizes.UNKNOWN) || last.spam + last.ham > 0;
        boolean failedHere = !last.equals(Sizes.UNKNOWN) && last.equals(scanFailedAt);
        if ((last.equals(Sizes.UNKNOWN) || last.withinBound()) && mayBeFull && (!known || changed) && !failedHere) {
            q.spamMembers = p.sscan(SPAM_SET, ScanParams.SCAN_POINTER_START, SCAN);
            q.hamMembers = p.sscan(HAM_SET, ScanParams.SCAN_POINTER_START, SCAN);
        }
        // After a change, the new list first; a large list when asked (taken only when its sum is queued).
        if (known && !changed && last.withinBound() && (users() <= EVERY_REFRESH || wanted.getAndSet(false))) {
            q.sumOver = read;
            spamUsers.forEach(u -> q.spam.add(p.hget(u, "learns_spam")));
            hamUsers.forEach(u -> q.ham.add(p.hget(u, "learns_ham")));
        }
        return q;
    }

    /** The replies of a probe's {@link #queue}: the per-user part of its counters, or null when there is none. */
    PerUser read(Pending q) {
        if (q == null) return null;
        Sizes now;
        try {
            now = new Sizes(card(q.spamCard), card(q.hamCard));
        } catch (JedisDataException e) {
            refused = true; // NOPERM, or WRONGTYPE: not Rspamd's sets
            refusedAt = nanoClock.getAsLong();
            forget();
            return null;
        }
        last = now;
        if (q.spamMembers != null) {
            Set<String> spam = members(q.spamMembers);
            Set<String> ham = members(q.hamMembers);
            if (spam == null || ham == null) {
                scanFailedAt = now;
            } else {
                remember(spam, ham);
            }
        }
        if (now.spam + now.ham == 0) {
            forget();
            return null; // no per-user statistics: the global RS is all there is
        }
        Sum sum;
        if (!now.withinBound()) {
            forget();
            sum = Sum.TOO_MANY;
        } else if (q.sumOver != null) {
            carriedSpam = total(q.spam);
            carriedHam = total(q.ham);
            carried = true;
            boolean current = q.sumOver.equals(now);
            sum = !current ? Sum.STALE : q.spam.isEmpty() && q.ham.isEmpty() ? Sum.NONE : Sum.SUMMED;
        } else if (carried) {
            sum = Sum.CARRIED;
        } else if (spamUsers != null && users() == 0 && read.equals(now)) {
            sum = Sum.NONE; // the members just read are the global RS alone
        } else {
            sum = Sum.UNREAD;
        }
        if (sum == Sum.NONE) return null;
        boolean hasSums = sum == Sum.SUMMED || sum == Sum.STALE || sum == Sum.CARRIED;
        return new PerUser(now.spam, now.ham, sum, hasSums ? OptionalLong.of(carriedSpam) : OptionalLong.empty(),
                hasSums ? OptionalLong.of(carriedHam) : OptionalLong.empty());
    }

    /** The sets' members as read, for the next probes' sums. */
    private void remember(Set<String> spam, Set<String> ham) {
        read = new Sizes(spam.size(), ham.size());
        spamUsers = users(spam);
        hamUsers = users(ham);
    }

    private int users() {
        return spamUsers.size() + hamUsers.size();
    }

    private void forget() {
        spamUsers = null;
        hamUsers = null;
        read = Sizes.UNKNOWN;
        carried = false;
    }

    /** A set's members but the global RS (read by the probe itself); an HGET on each is what the sum costs. */
    private static List<String> users(Set<String> members) {
        List<String> out = new ArrayList<>();
        for (String m : members) {
            if (!m.equals("RS")) out.add(m);
        }
        out.sort(null);
        return out;
    }

    /** A set's size; throws what the instance answered instead (NOPERM, WRONGTYPE). */
    private static long card(Response<Long> reply) {
        Long v = reply.get();
        return v == null ? 0 : v;
    }

    /** A set's members, or null when the scan did not reach the end (the set grew past the bound meanwhile). */
    private static Set<String> members(Response<ScanResult<String>> reply) {
        ScanResult<String> r;
        try {
            r = reply.get();
        } catch (JedisDataException e) {
            return Set.of(); // its SCARD answered, so this one will be seen there
        }
        return r.isCompleteIteration() ? new java.util.HashSet<>(r.getResult()) : null;
    }

    /** The counters of the hashes summed; a missing hash or field counts none, a value not a number too. */
    private static long total(List<Response<String>> replies) {
        long sum = 0;
        for (Response<String> r : replies) {
            try {
                sum += RspamdCounts.number(r.get()).orElse(0);
            } catch (JedisDataException e) {
                // a key of another type under a listed name: not a statfile, counts none
            }
        }
        return sum;
    }

    /** The two sets' sizes (the global RS included where listed); {@link #UNKNOWN} before a reading. */
    private record Sizes(long spam, long ham) {
        static final Sizes UNKNOWN = new Sizes(-1, -1);

        /** Known, and neither set over {@link #AT_MOST}: its members may be read. */
        boolean withinBound() {
            return spam >= 0 && spam <= AT_MOST && ham <= AT_MOST;
        }
    }

    /** The replies one probe waits for. */
    static final class Pending {
        private Response<Long> spamCard;
        private Response<Long> hamCard;
        private Response<ScanResult<String>> spamMembers;
        private Response<ScanResult<String>> hamMembers;
        /** The sets' sizes when the member lists summed over were read; null when nothing is summed. */
        private Sizes sumOver;
        private final List<Response<String>> spam = new ArrayList<>();
        private final List<Response<String>> ham = new ArrayList<>();
    }
}

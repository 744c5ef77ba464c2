package org.repcon.probe;

import java.util.OptionalLong;

/**
 * What Rspamd counts in an instance, read in the same round trip as INFO: a bayes instance's learns (the hash
 * {@code RS}, fields {@code learns_spam} and {@code learns_ham}), a fuzzy instance's hashes ({@code fuzzy_count}) and
 * its version counter ({@code fuzzylocal}). Comparing them on a master and its replicas is replication at Rspamd's
 * level: offsets can match while learning lands elsewhere.
 *
 * <p>Per-user statistics keep further hashes ({@code RS} plus the user's name, listed in {@code BAYES_SPAM_keys} and
 * {@code BAYES_HAM_keys}): their learns are added to the global ones where {@link StatfileSums} could read them, and
 * {@link #perUser} says how far ({@code null}: the global hash is all there is).
 */
public record RspamdCounts(OptionalLong learnsSpam, OptionalLong learnsHam, OptionalLong fuzzyHashes, OptionalLong fuzzyVersion,
                           PerUser perUser) {

    public static final RspamdCounts NONE = new RspamdCounts(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    public RspamdCounts(OptionalLong learnsSpam, OptionalLong learnsHam, OptionalLong fuzzyHashes, OptionalLong fuzzyVersion) {
        this(learnsSpam, learnsHam, fuzzyHashes, fuzzyVersion, null);
    }

    public static RspamdCounts bayes(long spam, long ham) {
        return new RspamdCounts(OptionalLong.of(spam), OptionalLong.of(ham), OptionalLong.empty(), OptionalLong.empty());
    }

    public static RspamdCounts fuzzy(long hashes, OptionalLong version) {
        return new RspamdCounts(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(hashes), version);
    }

    /**
     * The per-user hashes of a bayes instance: how many each set lists (the global RS among them when Rspamd listed it),
     * and how their learns were summed into the counts.
     *
     * @param spamLearns the learns_spam of the per-user hashes alone, when summed (now or earlier)
     */
    public record PerUser(long spamKeys, long hamKeys, Sum sum, OptionalLong spamLearns, OptionalLong hamLearns) {

        public enum Sum {
            /** The sets hold only the global RS: nothing to add. */
            NONE,
            /** Summed in this probe, over the sets as they are now. */
            SUMMED,
            /** Summed in this probe over the members read before the sets changed: read again with the next. */
            STALE,
            /** Summed by an earlier probe (many users: summed about once a minute). */
            CARRIED,
            /** The members are not read yet. */
            UNREAD,
            /** Too many members to read: the global RS alone is counted. */
            TOO_MANY
        }

        /** The counts hold every user's learns as the instance holds them now. */
        public boolean complete() {
            return sum == Sum.NONE || sum == Sum.SUMMED;
        }

        /** As evidence and details say it: "BAYES_SPAM_keys 3, BAYES_HAM_keys 2: summed". */
        public String describe() {
            return "BAYES_SPAM_keys " + spamKeys + ", BAYES_HAM_keys " + hamKeys + ": " + switch (sum) {
                case NONE -> "the global RS only";
                case SUMMED -> "every user's learns summed";
                case STALE -> "the user list changed, summed again with the next refresh";
                case CARRIED -> "every user's learns as summed within the last minute";
                case UNREAD -> "users not read yet, the global RS alone counted";
                case TOO_MANY -> "over " + StatfileSums.AT_MOST + " users, not read: the global RS alone counted";
            };
        }
    }

    /**
     * Master's and replica's counts can be compared: each holds what its instance holds now (no sum carried from an
     * earlier refresh or over an old user list).
     */
    public boolean complete() {
        return perUser == null || perUser.complete();
    }

    /** Anything was read (the instance holds Rspamd's keys). */
    public boolean present() {
        return learnsSpam.isPresent() || learnsHam.isPresent() || fuzzyHashes.isPresent();
    }

    /** All learns, spam and ham, for a bayes instance; fuzzy hashes for a fuzzy one. The one figure compared. */
    public OptionalLong total() {
        if (learnsSpam.isPresent() || learnsHam.isPresent()) {
            return OptionalLong.of(learnsSpam.orElse(0) + learnsHam.orElse(0));
        }
        return fuzzyHashes;
    }

    /**
     * The global hash's learns alone (spam and ham), read with every probe: the total without the per-user sums, which
     * may be of an earlier refresh. Fuzzy hashes for a fuzzy instance.
     */
    public OptionalLong global() {
        OptionalLong total = total();
        if (total.isEmpty() || perUser == null) return total;
        return OptionalLong.of(total.getAsLong() - perUser.spamLearns().orElse(0) - perUser.hamLearns().orElse(0));
    }

    /** As a cell shows it: "12/7" (spam/ham learns) or "340" (fuzzy hashes); empty when nothing was read. */
    public String compact() {
        if (learnsSpam.isPresent() || learnsHam.isPresent()) return learnsSpam.orElse(0) + "/" + learnsHam.orElse(0);
        return fuzzyHashes.isPresent() ? Long.toString(fuzzyHashes.getAsLong()) : "";
    }

    /**
     * As evidence says it: "learns_spam=12 learns_ham=7", "learns_spam=12 learns_ham=7 (BAYES_SPAM_keys 3, ...)",
     * "fuzzy_count=340 fuzzylocal=9".
     */
    public String describe() {
        if (learnsSpam.isPresent() || learnsHam.isPresent()) {
            return "learns_spam=" + learnsSpam.orElse(0) + " learns_ham=" + learnsHam.orElse(0)
                    + (perUser == null ? "" : " (" + perUser.describe() + ")");
        }
        return "fuzzy_count=" + (fuzzyHashes.isPresent() ? fuzzyHashes.getAsLong() : "?")
                + (fuzzyVersion.isPresent() ? " fuzzylocal=" + fuzzyVersion.getAsLong() : "");
    }

    /** A counter's value as Redis returns it (a string, or nil); anything not a whole number is absent. */
    static OptionalLong number(String value) {
        return Info.parseLong(value);
    }
}

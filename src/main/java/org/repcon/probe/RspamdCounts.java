package org.repcon.probe;

import java.util.OptionalLong;

/**
 * What Rspamd counts in an instance, read in the same round trip as INFO: a bayes instance's learns (the hash
 * {@code RS}, fields {@code learns_spam} and {@code learns_ham}), a fuzzy instance's hashes ({@code fuzzy_count}) and
 * its version counter ({@code fuzzylocal}). Comparing them on a master and its replicas is replication at Rspamd's
 * level: offsets can match while learning lands elsewhere.
 *
 * <p>Only the global {@code RS} is read: per-user statistics keep further hashes ({@code RS} plus a suffix, listed in
 * {@code BAYES_SPAM_keys}), whose number has no bound, and a second round trip would be needed to read them.
 */
public record RspamdCounts(OptionalLong learnsSpam, OptionalLong learnsHam, OptionalLong fuzzyHashes, OptionalLong fuzzyVersion) {

    public static final RspamdCounts NONE = new RspamdCounts(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    public static RspamdCounts bayes(long spam, long ham) {
        return new RspamdCounts(OptionalLong.of(spam), OptionalLong.of(ham), OptionalLong.empty(), OptionalLong.empty());
    }

    public static RspamdCounts fuzzy(long hashes, OptionalLong version) {
        return new RspamdCounts(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(hashes), version);
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

    /** As a cell shows it: "12/7" (spam/ham learns) or "340" (fuzzy hashes); empty when nothing was read. */
    public String compact() {
        if (learnsSpam.isPresent() || learnsHam.isPresent()) return learnsSpam.orElse(0) + "/" + learnsHam.orElse(0);
        return fuzzyHashes.isPresent() ? Long.toString(fuzzyHashes.getAsLong()) : "";
    }

    /** As evidence says it: "learns_spam=12 learns_ham=7", "fuzzy_count=340 fuzzylocal=9". */
    public String describe() {
        if (learnsSpam.isPresent() || learnsHam.isPresent()) {
            return "learns_spam=" + learnsSpam.orElse(0) + " learns_ham=" + learnsHam.orElse(0);
        }
        return "fuzzy_count=" + (fuzzyHashes.isPresent() ? fuzzyHashes.getAsLong() : "?")
                + (fuzzyVersion.isPresent() ? " fuzzylocal=" + fuzzyVersion.getAsLong() : "");
    }

    /** A counter's value as Redis returns it (a string, or nil); anything not a whole number is absent. */
    static OptionalLong number(String value) {
        return Info.parseLong(value);
    }
}

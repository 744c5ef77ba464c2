package org.repcon.action;

import java.util.Locale;
import java.util.Optional;

/**
 * What counts as a confirmation, in one place: y or yes (n or no declines), Enter alone or anything else is no
 * answer and the question is asked again, a few times; for what destroys data, the exact name typed.
 */
public final class Confirmations {

    /** How often a question is asked again after no answer (Enter alone, or not y/n) before giving up. */
    static final int ASKS = 3;

    /** Why it was not confirmed: declined (no, another name, no answer) or refused (nobody to ask). */
    public record NotConfirmed(Outcome outcome, String message) {}

    private Confirmations() {}

    /**
     * Asks until answered; empty when confirmed.
     *
     * @param name for {@link Confirmation#TYPE_NAME}: the name that must be typed
     */
    public static Optional<NotConfirmed> ask(Confirmer confirmer, Confirmation kind, String prompt, String name) {
        if (kind == Confirmation.NONE) return Optional.empty();
        boolean again = false;
        for (int n = 0; n < ASKS; n++) {
            Reply reply = confirmer.ask(new Question(kind, prompt, kind == Confirmation.TYPE_NAME ? name : "", again));
            if (reply instanceof Reply.Unavailable u) return Optional.of(new NotConfirmed(Outcome.REFUSED, u.reason()));
            if (reply instanceof Reply.Cancelled) return Optional.of(new NotConfirmed(Outcome.DECLINED, "cancelled: nothing done"));
            String text = ((Reply.Answer) reply).text().strip();
            if (text.isEmpty()) {
                again = true; // Enter alone is no answer: a held key must not confirm anything
                continue;
            }
            if (kind == Confirmation.TYPE_NAME) {
                return text.equals(name) ? Optional.empty()
                        : Optional.of(new NotConfirmed(Outcome.DECLINED, "typed '" + text + "', not '" + name + "': nothing done"));
            }
            String yn = text.toLowerCase(Locale.ROOT);
            if (yn.equals("y") || yn.equals("yes")) return Optional.empty();
            if (yn.equals("n") || yn.equals("no")) return Optional.of(new NotConfirmed(Outcome.DECLINED, "declined: nothing done"));
            again = true;
        }
        return Optional.of(new NotConfirmed(Outcome.DECLINED, "no answer: nothing done"));
    }
}

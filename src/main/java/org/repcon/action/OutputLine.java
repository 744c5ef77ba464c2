package org.repcon.action;

import java.util.Optional;
import org.repcon.diagnosis.LogPatterns;

/**
 * A line a reading action shows. A log line that is one of the known replication lines carries its
 * meaning, so a UI can highlight it (good lines one way, trouble another).
 */
public record OutputLine(String text, Optional<LogPatterns.Meaning> meaning) {

    public static OutputLine plain(String text) {
        return new OutputLine(text, Optional.empty());
    }

    public static OutputLine log(String text) {
        return new OutputLine(text, LogPatterns.meaning(text));
    }

    public boolean known() {
        return meaning.isPresent();
    }
}

package org.repcon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a redis.conf line into words exactly as redis-server does when it reads the file (sdssplitargs): words
 * apart by blanks; "double quotes" with {@code \n \r \t \b \a \\ \" \xHH} escapes; 'single quotes' with {@code \'};
 * a closing quote must end the word. So a value compared with a running instance is the value Redis read.
 */
public final class RedisConfigWords {

    private RedisConfigWords() {}

    /** The words of a directive line; empty for a blank line or a comment, and for a line Redis refuses ("Unbalanced quotes"). */
    public static Optional<List<String>> split(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return Optional.empty();
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isBlank(s.charAt(i))) i++;
            if (i >= n) return Optional.of(words);
            StringBuilder word = new StringBuilder();
            boolean inDouble = false;
            boolean inSingle = false;
            while (true) {
                if (inDouble) {
                    if (i >= n) return Optional.empty(); // unterminated quotes
                    char c = s.charAt(i);
                    if (c == '\\' && i + 3 < n && s.charAt(i + 1) == 'x' && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
                        word.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < n) {
                        i++;
                        word.append(switch (s.charAt(i)) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> s.charAt(i);
                        });
                    } else if (c == '"') {
                        if (i + 1 < n && !isBlank(s.charAt(i + 1))) return Optional.empty(); // closing quote must end the word
                        i++;
                        break;
                    } else {
                        word.append(c);
                    }
                } else if (inSingle) {
                    if (i >= n) return Optional.empty();
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\'') {
                        i++;
                        word.append('\'');
                    } else if (c == '\'') {
                        if (i + 1 < n && !isBlank(s.charAt(i + 1))) return Optional.empty();
                        i++;
                        break;
                    } else {
                        word.append(c);
                    }
                } else {
                    if (i >= n || isBlank(s.charAt(i))) break;
                    char c = s.charAt(i);
                    if (c == '"') inDouble = true;
                    else if (c == '\'') inSingle = true;
                    else word.append(c);
                }
                i++;
            }
            words.add(word.toString());
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}

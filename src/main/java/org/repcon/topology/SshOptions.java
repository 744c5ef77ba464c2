package org.repcon.topology;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of what a topology's {@code ssh.options} may say: checked by the loader, so that {@code validate}
 * refuses it, and again by the ssh transport before it runs ssh (org.repcon.transport.SshCommand). The options
 * are ssh arguments placed before the address: "-J", "jump.example.org"; "-o", "IdentityFile=~/.ssh/repcon";
 * "-F", "/etc/repcon/ssh_config". Only flags that shape the connection are accepted, none that repcon sets
 * itself, none that run a local command, and never StrictHostKeyChecking=no: host keys are always checked. The
 * operator's own ~/.ssh/config still applies.
 */
public final class SshOptions {

    /** ssh flags a topology may give that take a value (the next word, or the rest of the same word). */
    private static final Set<Character> WITH_VALUE = Set.of('B', 'b', 'c', 'F', 'I', 'i', 'J', 'm', 'o');
    /**
     * ssh flags a topology may give alone; grouped ones ("-4C") are fine too. Not -q, -E, -y: they take ssh's
     * error messages away from stderr, where repcon reads why a connection failed.
     */
    private static final Set<Character> ALONE = Set.of('4', '6', 'A', 'a', 'C', 'k', 'K', 'x');
    /** Options repcon sets itself: a topology's value would be ignored (first wins) or would break repcon. */
    private static final Set<String> OWNED = Set.of("batchmode", "controlmaster", "controlpath", "controlpersist",
            "requesttty", "remotecommand", "permitlocalcommand", "sessiontype", "stdinnull", "forkafterauthentication",
            "streamlocalbindmask", "streamlocalbindunlink");
    /** Options that run a command on this machine whenever repcon connects (every status, every refresh). */
    private static final Map<String, String> RUN_LOCALLY = Map.of(
            "proxycommand", "use -J HOST for a jump host",
            "localcommand", "repcon sets PermitLocalCommand=no",
            "knownhostscommand", "keep the host keys in known_hosts");

    private SshOptions() {}

    /** Why the options are refused (one line, without the host); empty when they are fine. */
    public static Optional<String> problem(List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            String word = options.get(i);
            if (word.length() < 2 || word.charAt(0) != '-' || word.startsWith("--")) {
                return Optional.of("'" + word + "' is not an ssh flag (the address comes from 'address')");
            }
            for (int j = 1; j < word.length(); j++) {
                char flag = word.charAt(j);
                if (ALONE.contains(flag)) continue;
                if (flag == 'l' || flag == 'p') {
                    return Optional.of("give the " + (flag == 'l' ? "user as 'ssh.user'" : "port as 'ssh.port'")
                            + " rather than -" + flag);
                }
                if (!WITH_VALUE.contains(flag)) {
                    return Optional.of("ssh flag -" + flag + " is not allowed (repcon runs ssh itself, without a"
                            + " terminal); allowed: -o -J -F -i and other flags that shape the connection");
                }
                String value = j + 1 < word.length() ? word.substring(j + 1) : null;
                if (value == null) {
                    if (++i >= options.size()) return Optional.of("ssh flag -" + flag + " needs a value after it");
                    value = options.get(i);
                }
                if (flag == 'o') {
                    Optional<String> why = optionProblem(value);
                    if (why.isPresent()) return why;
                }
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> optionProblem(String option) {
        String text = option.strip();
        int cut = 0;
        while (cut < text.length() && text.charAt(cut) != '=' && !Character.isWhitespace(text.charAt(cut))) cut++;
        String name = text.substring(0, cut);
        String key = name.toLowerCase(Locale.ROOT);
        String value = text.substring(cut).replaceFirst("^\\s*=?\\s*", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
        if (OWNED.contains(key)) return Optional.of("-o " + name + " is set by repcon itself; remove it");
        if (RUN_LOCALLY.containsKey(key)) {
            return Optional.of("-o " + name + " is refused: it runs a command on this machine at every connection; "
                    + RUN_LOCALLY.get(key) + " (your own ~/.ssh/config still applies)");
        }
        if (key.equals("stricthostkeychecking") && Set.of("no", "off", "false").contains(value)) {
            return Optional.of("-o StrictHostKeyChecking=" + value + " is refused: repcon always checks host keys"
                    + " (use 'accept-new' to record the key of a host met for the first time)");
        }
        return Optional.empty();
    }
}

package org.repcon.tui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;

/**
 * The console's own commands: {@code q}, {@code theme NAME}, {@code refresh SECONDS},
 * {@code filter TEXT}, {@code setup [HOST]}, {@code help}. A fuller handler can delegate the lines it does not know here.
 */
public final class BuiltinCommands implements CommandHandler {

    private static final Map<String, String> USAGE = Map.of("q", "q", "quit", "quit", "theme", "theme NAME",
            "refresh", "refresh SECONDS", "filter", "filter [TEXT]", "help", "help", "setup", "setup [HOST]");
    private static final List<String> NAMES = List.of("filter", "help", "q", "quit", "refresh", "setup", "theme");
    static final double MIN_REFRESH_SECONDS = 0.2;

    @Override
    public Result execute(String line, ConsoleControl console) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) return Result.NONE;
        String verb = trimmed.split("\\s+", 2)[0];
        String arg = trimmed.length() > verb.length() ? trimmed.substring(verb.length()).strip() : "";
        return switch (verb) {
            case "q", "quit" -> {
                console.quit();
                yield Result.NONE;
            }
            case "theme" -> theme(arg, console);
            case "refresh" -> refresh(arg, console);
            case "filter" -> {
                console.setFilter(arg);
                yield Result.ok(arg.isEmpty() ? "filter cleared" : "filter: " + arg);
            }
            case "setup" -> console.openSetup(arg.isEmpty() ? null : arg).map(Result::error).orElse(Result.NONE);
            case "help" -> Result.ok("keys: press ?   commands: " + String.join(", ", usages()));
            default -> Result.error("unknown command '" + verb + "'" + Suggest.hint(verb, NAMES)
                    + "; commands: " + String.join(", ", usages()));
        };
    }

    @Override
    public List<String> complete(String line, ConsoleControl console) {
        List<String> out = new ArrayList<>();
        String stripped = line.stripLeading();
        int space = stripped.indexOf(' ');
        if (space < 0) {
            for (String name : NAMES) if (name.startsWith(stripped)) out.add(name);
            return out;
        }
        String verb = stripped.substring(0, space);
        String arg = stripped.substring(space + 1).stripLeading();
        if (verb.equals("theme")) {
            for (String theme : console.themes()) if (theme.startsWith(arg)) out.add("theme " + theme);
        }
        return out;
    }

    private static Result theme(String name, ConsoleControl console) {
        if (name.isEmpty()) {
            return Result.ok("theme: " + console.theme() + "; themes: " + String.join(", ", console.themes()));
        }
        try {
            console.setTheme(name);
            return Result.ok("theme: " + name);
        } catch (RepconException e) {
            return Result.error(e.getMessage());
        }
    }

    private static Result refresh(String arg, ConsoleControl console) {
        double seconds;
        try {
            seconds = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            return Result.error("usage: refresh SECONDS (a number, at least " + MIN_REFRESH_SECONDS + ")");
        }
        if (!(seconds >= MIN_REFRESH_SECONDS) || seconds > 3600) {
            return Result.error("refresh: " + arg + " is out of range (" + MIN_REFRESH_SECONDS + " to 3600 seconds)");
        }
        console.setRefreshInterval(Duration.ofMillis(Math.round(seconds * 1000)));
        return Result.ok("refreshing every " + Durations.seconds(Duration.ofMillis(Math.round(seconds * 1000))));
    }

    private static List<String> usages() {
        return NAMES.stream().filter(n -> !n.equals("quit")).map(USAGE::get).toList();
    }
}

package org.repcon.tui;

import com.googlecode.lanterna.terminal.Terminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.repcon.setup.Setup;
import org.repcon.util.Xdg;

/**
 * How the console runs. The environment is passed in rather than read deep inside, so that tests
 * can give a locale, TERM, COLORTERM or NO_COLOR of their own.
 *
 * @param theme the theme's name; null for the default (mono when NO_COLOR is set, else dark)
 * @param env environment variables: TERM, COLORTERM, NO_COLOR, LC_ALL, LC_CTYPE, LANG
 * @param userThemes the directory of the user's own themes
 * @param commands what runs ':' lines; null for the console's own verbs only ({@link ConsoleCommands#withoutActions})
 * @param terminal a terminal to draw on (tests: a virtual one); null for the process's own tty
 * @param setup the setup session the setup view works with; null for none (the view is then not offered)
 * @param stateDir where acknowledgements, the audit log of them and copied text are kept ($XDG_STATE_HOME/repcon)
 */
public record ConsoleOptions(boolean readOnly, String theme, Duration refreshInterval, Map<String, String> env,
                             Path userThemes, CommandHandler commands, Terminal terminal, Setup setup, Path stateDir) {

    public ConsoleOptions {
        env = Map.copyOf(env);
    }

    public static ConsoleOptions defaults() {
        return new ConsoleOptions(false, null, Duration.ofSeconds(1), System.getenv(),
                Xdg.configHome().resolve("themes"), null, null, null, Xdg.stateHome());
    }

    public ConsoleOptions withReadOnly(boolean on) {
        return new ConsoleOptions(on, theme, refreshInterval, env, userThemes, commands, terminal, setup, stateDir);
    }

    public ConsoleOptions withTheme(String name) {
        return new ConsoleOptions(readOnly, name, refreshInterval, env, userThemes, commands, terminal, setup, stateDir);
    }

    public ConsoleOptions withRefreshInterval(Duration d) {
        return new ConsoleOptions(readOnly, theme, d, env, userThemes, commands, terminal, setup, stateDir);
    }

    public ConsoleOptions withEnv(Map<String, String> e) {
        return new ConsoleOptions(readOnly, theme, refreshInterval, e, userThemes, commands, terminal, setup, stateDir);
    }

    public ConsoleOptions withUserThemes(Path dir) {
        return new ConsoleOptions(readOnly, theme, refreshInterval, env, dir, commands, terminal, setup, stateDir);
    }

    public ConsoleOptions withCommands(CommandHandler handler) {
        return new ConsoleOptions(readOnly, theme, refreshInterval, env, userThemes, handler, terminal, setup, stateDir);
    }

    public ConsoleOptions withSetup(Setup session) {
        return new ConsoleOptions(readOnly, theme, refreshInterval, env, userThemes, commands, terminal, session, stateDir);
    }

    public ConsoleOptions withStateDir(Path dir) {
        return new ConsoleOptions(readOnly, theme, refreshInterval, env, userThemes, commands, terminal, setup, dir);
    }

    public ConsoleOptions withTerminal(Terminal t) {
        return new ConsoleOptions(readOnly, theme, refreshInterval, env, userThemes, commands, t, setup, stateDir);
    }
}

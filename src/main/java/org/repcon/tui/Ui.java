package org.repcon.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.Scroll;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Themes;
import org.repcon.setup.Setup;
import org.repcon.topology.Host;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;

/**
 * The console's state and the actions that key bindings and commands run on it: which view is
 * shown, the filter, the selection, the line being typed. Lives on the UI thread only; {@link Frame}
 * draws it.
 */
public final class Ui implements ConsoleControl {

    enum MainPane { HOSTS, TOPOLOGY }

    private final ConsoleSource source;
    private final CommandHandler commands;
    private final Themes themes;
    private final Capabilities caps;
    private final boolean readOnly;
    private final Consumer<Runnable> poster;
    private final LongSupplier clock;

    private ConsoleView view;
    private ViewFilter shown;
    private Palette palette;
    private Duration interval;
    private String filter = "";

    /** The setup session the console may open a setup view on; null when it has none. */
    private Setup setup;
    private SetupView setupView;

    private MainPane main = MainPane.HOSTS;
    private boolean findingsFocused;
    private String detailsKey;
    private boolean help;
    private boolean quit;
    private String reportTitle;
    private final List<String> reportLines = new ArrayList<>();
    private Runnable reportOnClose; // stops what feeds the box (a log follow)
    private boolean reportPaused;
    private boolean reportLive; // fed by a follow that has started
    private final List<String> reportHeld = new ArrayList<>(); // lines that came while paused
    private Consumer<String> answer; // who waits for the line typed in ANSWER mode

    private final Selection selection = new Selection();
    private final Prompt prompt = new Prompt();
    private final Message message = new Message();

    final Scroll hostsScroll = new Scroll();
    final Scroll findingsScroll = new Scroll();
    final Scroll topologyScroll = new Scroll();
    final Scroll detailsScroll = new Scroll();
    final Scroll helpScroll = new Scroll();
    final Scroll reportScroll = new Scroll();

    Ui(ConsoleSource source, CommandHandler commands, Themes themes, Capabilities caps, boolean readOnly,
       Palette palette, Duration interval, Consumer<Runnable> poster, LongSupplier clock) {
        this.source = source;
        this.commands = commands;
        this.themes = themes;
        this.caps = caps;
        this.readOnly = readOnly;
        this.palette = palette;
        this.interval = interval;
        this.poster = poster;
        this.clock = clock;
        commands.history().forEach(prompt.commandLine()::remember);
    }

    // ---- keys ----

    /** Runs the binding for a key stroke, or types it into the line being edited. */
    void handle(KeyStroke key) {
        if (key.getKeyType() == KeyType.EOF) {
            // The terminal went away: nothing more will come.
            quit();
            return;
        }
        if (key.getKeyType() == KeyType.Character && key.isAltDown() && !key.isCtrlDown()) {
            // Esc and a key arriving together (a slow ssh link) decode as Alt-key: they meant both.
            handle(new KeyStroke(KeyType.Escape));
            handle(new KeyStroke(key.getCharacter(), false, false));
            return;
        }
        String name = Keys.name(key);
        message.clear();
        if (dispatch(name, contexts())) return;
        if (prompt.open()) {
            char c = Keys.typed(key);
            if (c != 0) {
                prompt.editor().insert(c);
                edited();
                return;
            }
            // Only what cannot be typed (Ctrl-C) reaches the global keys while a line is edited.
            dispatch(name, List.of(Context.GLOBAL));
        }
    }

    private boolean dispatch(String name, List<Context> contexts) {
        if (name == null) return false;
        for (Context context : contexts) {
            for (KeyBinding b : KeyBindings.ALL) {
                if (b.context() == context && b.keys().contains(name)) {
                    b.action().accept(this);
                    return true;
                }
            }
        }
        return false;
    }

    /** Where keys apply now, most specific first. */
    List<Context> contexts() {
        return switch (prompt.mode()) {
            case FILTER -> List.of(Context.FILTER, Context.LINE);
            case COMMAND -> List.of(Context.COMMAND, Context.LINE);
            case ANSWER -> List.of(Context.ANSWER, Context.LINE);
            case NONE -> help ? List.of(Context.HELP, Context.MOVE, Context.GLOBAL)
                    : setupView != null ? setupView.question() != null ? List.of(Context.CONFIRM)
                    : List.of(Context.SETUP, Context.MOVE, Context.GLOBAL)
                    : reportTitle != null ? List.of(Context.REPORT, Context.MOVE, Context.GLOBAL)
                    : detailsKey != null ? List.of(Context.DETAILS, Context.MOVE, Context.GLOBAL)
                    : findingsFocused ? List.of(Context.FINDINGS, Context.MAIN, Context.MOVE, Context.GLOBAL)
                    : List.of(Context.MAIN, Context.MOVE, Context.GLOBAL);
        };
    }

    // ---- actions (bound in KeyBindings) ----

    public void toggleHelp() {
        help = !help;
        helpScroll.reset();
    }

    public void startFilter() {
        prompt.start(Prompt.Mode.FILTER, filter);
    }

    public void startCommand() {
        prompt.start(Prompt.Mode.COMMAND, "");
    }

    /** Enter on the line: keeps the filter, answers the question, or runs the command. */
    public void acceptInput() {
        if (prompt.mode() == Prompt.Mode.ANSWER) {
            String text = prompt.editor().text();
            prompt.close();
            giveAnswer(text);
            return;
        }
        if (prompt.close() != Prompt.Mode.COMMAND) return;
        String line = prompt.commandLine().text();
        prompt.commandLine().remember(line);
        CommandHandler.Result result = commands.execute(line, this);
        if (!result.message().isEmpty()) showMessage(result.message(), result.error());
    }

    /** Esc on the line: a filter is cleared, a command dropped, a question answered with "cancel". */
    public void cancelInput() {
        Prompt.Mode was = prompt.close();
        if (was == Prompt.Mode.FILTER) setFilter("");
        if (was == Prompt.Mode.ANSWER) giveAnswer(null);
    }

    private void giveAnswer(String text) {
        Consumer<String> waiting = answer;
        answer = null;
        if (waiting != null) waiting.accept(text);
    }

    /**
     * Asks on the bottom line (an action's y/n or typed name); {@code onAnswer} gets the line typed, or
     * null when the operator cancels with Esc or quits.
     */
    public void ask(String question, Consumer<String> onAnswer) {
        giveAnswer(null); // a question still open is withdrawn
        help = false;
        answer = onAnswer;
        prompt.ask(question);
    }

    /** Opens the output box with these lines (an action's preview, logs, an explanation). */
    public void showReport(String title, List<String> lines) {
        showReport(title, lines, null);
    }

    @Override
    public void showReport(String title, List<String> lines, Runnable onClose) {
        closeReport();
        reportTitle = title;
        reportOnClose = onClose;
        reportLines.addAll(lines);
        reportScroll.reset();
        if (onClose != null) reportScroll.by(1_000_000); // a live box starts at its newest lines
    }

    /** Adds a line to the output box (opening it if closed) and keeps the end in view; held while paused. */
    public void appendReport(String line) {
        if (reportTitle == null) showReport("output", List.of());
        if (reportPaused) {
            reportHeld.add(line);
            return;
        }
        reportLines.add(line);
        reportScroll.by(1_000_000);
    }

    @Override
    public void reportFollowing() {
        if (reportOnClose != null) reportLive = true;
    }

    /** Space in the output box: stops the lines moving (they are kept) or lets them go on. */
    public void togglePause() {
        if (reportTitle == null) return;
        reportPaused = !reportPaused;
        if (!reportPaused) {
            reportHeld.forEach(this::appendReport);
            reportHeld.clear();
        }
    }

    public void closeReport() {
        Runnable stop = reportOnClose;
        reportOnClose = null;
        reportTitle = null;
        reportLines.clear();
        reportHeld.clear();
        reportPaused = false;
        reportLive = false;
        if (stop != null) stop.run();
    }

    /** The box's title with what it is doing: following, paused with lines waiting. */
    String reportHeading() {
        if (!reportLive) return reportTitle;
        return reportTitle + (reportPaused ? "  (paused, " + reportHeld.size() + " new; Space goes on)" : "  (following; Space pauses)");
    }

    boolean reportOpen() {
        return reportTitle != null;
    }

    String reportTitle() {
        return reportTitle;
    }

    List<String> reportLines() {
        return List.copyOf(reportLines);
    }

    /** 'x' in the findings pane: runs the suggested command; the action asks before it changes anything. */
    public void runFinding() {
        FindingRow f = selection.finding(shown);
        if (f == null || f.command().isEmpty()) {
            showMessage("no suggested command for this finding", false);
            return;
        }
        prompt.commandLine().remember(f.command());
        CommandHandler.Result result = commands.execute(f.command(), this);
        if (!result.message().isEmpty()) showMessage(result.message(), result.error());
    }

    void editLine(Consumer<LineEditor> edit) {
        edit.accept(prompt.editor());
        edited();
    }

    public void historyPrevious() {
        prompt.commandLine().previous();
    }

    public void historyNext() {
        prompt.commandLine().next();
    }

    /** Tab on the command line: the handler's candidates; one replaces the line, several are listed. */
    public void complete() {
        LineEditor line = prompt.commandLine();
        List<String> candidates = commands.complete(line.text(), this);
        if (candidates.isEmpty()) {
            prompt.note("no completions");
        } else if (candidates.size() == 1) {
            line.set(candidates.get(0) + " ");
            prompt.note("");
        } else {
            line.set(commonPrefix(candidates));
            prompt.note(String.join("  ", candidates));
        }
    }

    public void move(int delta) {
        if (help) helpScroll.by(delta);
        else if (setupView != null) setupView.move(delta);
        else if (detailsKey != null) detailsScroll.by(delta);
        else if (findingsFocused) selection.moveFinding(shown, delta);
        else if (main == MainPane.TOPOLOGY) topologyScroll.by(delta);
        else selection.moveRow(shown, delta);
    }

    /** A page is the pane's height less a line, so that one line of context stays. */
    public void page(int pages) {
        if (setupView != null && !help) {
            setupView.move(pages * Math.max(1, setupView.stepsScroll.viewport() - 1));
            return;
        }
        if (findingsFocused && !help && detailsKey == null) {
            selection.moveFinding(shown, pages * Math.max(1, findingsScroll.viewport() / 3));
            return;
        }
        Scroll scroll = help ? helpScroll : detailsKey != null ? detailsScroll
                : main == MainPane.TOPOLOGY ? topologyScroll : hostsScroll;
        int lines = Math.max(1, scroll.viewport() - 1) * pages;
        if (scroll == hostsScroll) selection.moveRow(shown, lines);
        else scroll.by(lines);
    }

    public void first() {
        move(-1_000_000);
    }

    public void last() {
        move(1_000_000);
    }

    /** n / N: the next (or previous) row with a problem, wrapping around; in findings, the next finding. */
    public void nextProblem(int direction) {
        if (findingsFocused) {
            selection.nextFinding(shown, direction);
        } else if (!selection.nextProblemRow(shown, direction)) {
            showMessage("no problems" + (filter.isEmpty() ? "" : " among the filtered rows"), false);
        }
    }

    public void nextPane() {
        findingsFocused = !findingsFocused;
    }

    /** Enter: the details of the selected row, or of the row the selected finding is about. */
    public void openDetails() {
        String key = null;
        if (findingsFocused) {
            FindingRow f = selection.finding(shown);
            if (f != null && !f.rowKey().isEmpty()) key = f.rowKey();
        } else if (main == MainPane.HOSTS) {
            key = selection.rowKey(shown);
        }
        if (key == null) return;
        detailsKey = key;
        detailsScroll.reset();
    }

    /** Esc: closes setup or details, else clears the filter, else leaves the topology, else the findings pane. */
    public void back() {
        if (setupView != null) closeSetup();
        else if (detailsKey != null) detailsKey = null;
        else if (!filter.isEmpty()) setFilter("");
        else if (main == MainPane.TOPOLOGY) main = MainPane.HOSTS;
        else findingsFocused = false;
    }

    /** S: the setup view of the selected row's host. */
    public void openSetupHere() {
        String key = selection.rowKey(shown);
        openSetup(key == null ? null : key.split("/")[0]).ifPresent(why -> showMessage(why, true));
    }

    public void closeSetup() {
        if (setupView == null) return;
        setupView.close();
        setupView = null;
    }

    /** The open setup view; bindings of the setup contexts act on it, and only run while it is open. */
    SetupView setup() {
        return setupView;
    }

    void offerSetup(Setup session) {
        setup = session;
    }

    public void toggleTopology() {
        main = main == MainPane.HOSTS ? MainPane.TOPOLOGY : MainPane.HOSTS;
        detailsKey = null;
        findingsFocused = false;
    }

    /** The next theme; a broken user theme is reported and skipped. */
    public void cycleTheme() {
        List<String> names = themes.names();
        int at = names.indexOf(theme());
        List<String> errors = new ArrayList<>();
        for (int i = 1; i <= names.size(); i++) {
            String next = names.get((at + i) % names.size());
            try {
                setTheme(next);
                showMessage(errors.isEmpty() ? "theme: " + next : String.join("; ", errors), !errors.isEmpty());
                return;
            } catch (RepconException e) {
                errors.add(e.getMessage());
            }
        }
    }

    /** 'c' in the findings pane: the suggested command, on the command line to edit or run. */
    public void commandFromFinding() {
        FindingRow f = selection.finding(shown);
        if (f == null || f.command().isEmpty()) {
            showMessage("no suggested command for this finding", false);
            return;
        }
        prompt.start(Prompt.Mode.COMMAND, f.command());
    }

    // ---- ConsoleControl ----

    @Override
    public ConsoleView view() {
        return view;
    }

    @Override
    public String selectedKey() {
        return selection.rowKey(shown);
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void quit() {
        quit = true;
        giveAnswer(null); // an action waiting for an answer is told "cancelled"
        closeReport(); // and a log follow stops, here and on the host
        closeSetup();
    }

    @Override
    public Optional<String> openSetup(String hostName) {
        if (setup == null) return Optional.of("setup is not available in this console");
        List<Host> hosts = setup.topology().hosts();
        Host host = hostName == null ? setup.order(hosts).get(0) : setup.topology().host(hostName).orElse(null);
        if (host == null) {
            return Optional.of("no host '" + hostName + "'" + Suggest.hint(hostName, hosts.stream().map(Host::name).toList()));
        }
        closeSetup();
        setupView = new SetupView(setup, host, readOnly, poster);
        help = false;
        detailsKey = null;
        return Optional.empty();
    }

    @Override
    public List<String> themes() {
        return themes.names();
    }

    @Override
    public String theme() {
        return palette.theme().name();
    }

    @Override
    public void setTheme(String name) {
        palette = new Palette(themes.load(name), caps.depth());
    }

    @Override
    public void setRefreshInterval(Duration d) {
        interval = d;
        source.setRefreshInterval(d);
    }

    @Override
    public void refreshNow() {
        source.refreshNow();
    }

    @Override
    public void setFilter(String text) {
        filter = text.strip();
        refilter();
    }

    @Override
    public void showMessage(String text, boolean error) {
        message.show(text, error, clock.getAsLong());
    }

    @Override
    public void post(Runnable task) {
        poster.accept(task);
    }

    // ---- for the loop and the frame ----

    void setView(ConsoleView v) {
        view = v;
        refilter();
    }

    boolean quitting() {
        return quit;
    }

    /** When the screen next changes by itself: the header's age ticks over, or a message expires. */
    long nextTick(long now) {
        long next = now + 1000;
        if (view != null && view.refreshedAt() > 0 && now >= view.refreshedAt()) {
            long age = now - view.refreshedAt();
            next = view.refreshedAt() + (age / 1000 + 1) * 1000;
        }
        return Math.min(next, Math.max(now, message.expiry()));
    }

    ViewFilter shown() {
        return shown;
    }

    Palette palette() {
        return palette;
    }

    Capabilities caps() {
        return caps;
    }

    Duration interval() {
        return interval;
    }

    MainPane mainPane() {
        return main;
    }

    boolean findingsFocused() {
        return findingsFocused;
    }

    String detailsKey() {
        return detailsKey;
    }

    boolean helpOpen() {
        return help;
    }

    String filter() {
        return filter;
    }

    Prompt prompt() {
        return prompt;
    }

    Message message() {
        return message;
    }

    Selection selection() {
        return selection;
    }

    private void edited() {
        if (prompt.mode() == Prompt.Mode.FILTER) setFilter(prompt.editor().text());
        prompt.note("");
    }

    private void refilter() {
        if (view == null) return;
        shown = ViewFilter.apply(view, filter);
        selection.update(shown);
    }

    private static String commonPrefix(List<String> words) {
        String prefix = words.get(0);
        for (String w : words) {
            int i = 0;
            while (i < prefix.length() && i < w.length() && prefix.charAt(i) == w.charAt(i)) i++;
            prefix = prefix.substring(0, i);
        }
        return prefix;
    }
}

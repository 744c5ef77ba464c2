package org.repcon.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.Scroll;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Themes;
import org.repcon.util.RepconException;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;
import org.repcon.view.Health;
import org.repcon.view.Row;

/**
 * The console's state and the actions key bindings and commands run on it: what is shown, what is
 * selected (by row key, so it survives refreshes), the filter, the line being typed. Lives on the
 * UI thread only; {@link Frame} draws it.
 */
public final class Ui implements ConsoleControl {

    enum MainPane { HOSTS, TOPOLOGY }

    enum Input { NONE, FILTER, COMMAND }

    private static final long MESSAGE_MILLIS = 6000;

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

    private MainPane main = MainPane.HOSTS;
    private boolean findingsFocused;
    private String detailsKey;
    private boolean help;
    private boolean quit;

    private String selectedKey;
    private int selectedIndex;
    private String selectedFinding;
    private int findingIndex;

    private String filter = "";
    private Input input = Input.NONE;
    private final LineEditor filterLine = new LineEditor();
    private final LineEditor commandLine = new LineEditor();
    private String inputNote = "";

    private String message = "";
    private boolean messageError;
    private long messageUntil;

    final Scroll hostsScroll = new Scroll();
    final Scroll findingsScroll = new Scroll();
    final Scroll topologyScroll = new Scroll();
    final Scroll detailsScroll = new Scroll();
    final Scroll helpScroll = new Scroll();

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
    }

    // ---- input ----

    /** Runs the binding for a key stroke, or types it into the line being edited. */
    void handle(KeyStroke key) {
        if (key.getKeyType() == KeyType.EOF) {
            // The terminal went away (ssh dropped): nothing more will come.
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
        if (!message.isEmpty()) message = "";
        if (input != Input.NONE) {
            if (dispatch(name, input == Input.FILTER ? List.of(Context.FILTER, Context.LINE)
                    : List.of(Context.COMMAND, Context.LINE))) return;
            char c = Keys.typed(key);
            if (c != 0) {
                editor().insert(c);
                edited();
                return;
            }
            // Only what cannot be typed (Ctrl-C) reaches the global keys while a line is edited.
            dispatch(name, List.of(Context.GLOBAL));
            return;
        }
        dispatch(name, contexts());
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
        if (input == Input.FILTER) return List.of(Context.FILTER, Context.LINE);
        if (input == Input.COMMAND) return List.of(Context.COMMAND, Context.LINE);
        if (help) return List.of(Context.HELP, Context.MOVE, Context.GLOBAL);
        if (detailsKey != null) return List.of(Context.DETAILS, Context.MOVE, Context.GLOBAL);
        if (findingsFocused) return List.of(Context.FINDINGS, Context.MAIN, Context.MOVE, Context.GLOBAL);
        return List.of(Context.MAIN, Context.MOVE, Context.GLOBAL);
    }

    // ---- actions (bound in KeyBindings) ----

    public void toggleHelp() {
        help = !help;
        helpScroll.reset();
    }

    public void startFilter() {
        input = Input.FILTER;
        filterLine.set(filter);
        inputNote = "";
    }

    public void startCommand() {
        startCommand("");
    }

    private void startCommand(String initial) {
        input = Input.COMMAND;
        commandLine.set(initial);
        inputNote = "";
    }

    /** Enter on the line: keeps the filter, or runs the command. */
    public void acceptInput() {
        Input was = input;
        input = Input.NONE;
        inputNote = "";
        if (was != Input.COMMAND) return;
        String line = commandLine.text();
        commandLine.remember(line);
        CommandHandler.Result result = commands.execute(line, this);
        if (!result.message().isEmpty()) showMessage(result.message(), result.error());
    }

    /** Esc on the line: a filter is cleared, a command dropped. */
    public void cancelInput() {
        if (input == Input.FILTER) setFilter("");
        input = Input.NONE;
        inputNote = "";
    }

    void editLine(Consumer<LineEditor> edit) {
        edit.accept(editor());
        edited();
    }

    public void historyPrevious() {
        commandLine.previous();
    }

    public void historyNext() {
        commandLine.next();
    }

    /** Tab on the command line: the handler's candidates; one replaces the line, several are listed. */
    public void complete() {
        List<String> candidates = commands.complete(commandLine.text(), this);
        if (candidates.isEmpty()) {
            inputNote = "no completions";
        } else if (candidates.size() == 1) {
            commandLine.set(candidates.get(0) + " ");
            inputNote = "";
        } else {
            commandLine.set(commonPrefix(candidates));
            inputNote = String.join("  ", candidates);
        }
    }

    public void move(int delta) {
        if (help) helpScroll.by(delta);
        else if (detailsKey != null) detailsScroll.by(delta);
        else if (findingsFocused) selectFinding(findingIndex + delta);
        else if (main == MainPane.TOPOLOGY) topologyScroll.by(delta);
        else selectRow(selectedIndex + delta);
    }

    public void page(int pages) {
        Scroll scroll = help ? helpScroll : detailsKey != null ? detailsScroll : findingsFocused ? findingsScroll
                : main == MainPane.TOPOLOGY ? topologyScroll : hostsScroll;
        int lines = Math.max(1, scroll.viewport() - 1) * pages;
        if (help || detailsKey != null || (!findingsFocused && main == MainPane.TOPOLOGY)) {
            scroll.by(lines);
        } else if (findingsFocused) {
            selectFinding(findingIndex + pages * Math.max(1, scroll.viewport() / 3));
        } else {
            selectRow(selectedIndex + lines);
        }
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
            int n = shown.findings().size();
            if (n > 0) selectFinding(Math.floorMod(findingIndex + direction, n));
            return;
        }
        List<Row> rows = shown.rows();
        for (int step = 1; step <= rows.size(); step++) {
            int i = Math.floorMod(selectedIndex + direction * step, rows.size());
            if (problem(rows.get(i))) {
                selectRow(i);
                return;
            }
        }
        showMessage("no problems" + (filter.isEmpty() ? "" : " among the filtered rows"), false);
    }

    private static boolean problem(Row row) {
        return row.findings() > 0 || row.health() == Health.CRIT || row.health() == Health.WARN;
    }

    public void nextPane() {
        findingsFocused = !findingsFocused;
    }

    /** Enter: the details of the selected row, or of the row the selected finding is about. */
    public void openDetails() {
        String key = null;
        if (findingsFocused) {
            FindingRow f = selectedFindingRow();
            if (f != null && !f.rowKey().isEmpty()) key = f.rowKey();
        } else if (main == MainPane.HOSTS) {
            key = shown.rows().isEmpty() ? null : selectedKey;
        }
        if (key == null) return;
        detailsKey = key;
        detailsScroll.reset();
    }

    /** Esc: closes details, else clears the filter, else leaves the topology, else the findings pane. */
    public void back() {
        if (detailsKey != null) detailsKey = null;
        else if (!filter.isEmpty()) setFilter("");
        else if (main == MainPane.TOPOLOGY) main = MainPane.HOSTS;
        else findingsFocused = false;
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
        FindingRow f = selectedFindingRow();
        if (f == null || f.command().isEmpty()) {
            showMessage("no suggested command for this finding", false);
            return;
        }
        startCommand(f.command());
    }

    // ---- ConsoleControl ----

    @Override
    public ConsoleView view() {
        return view;
    }

    @Override
    public String selectedKey() {
        return shown == null || shown.rows().isEmpty() ? null : selectedKey;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void quit() {
        quit = true;
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
        message = text;
        messageError = error;
        messageUntil = clock.getAsLong() + MESSAGE_MILLIS;
    }

    @Override
    public void post(Runnable task) {
        poster.accept(task);
    }

    // ---- state for the loop and the frame ----

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
        if (!message.isEmpty() && messageUntil > now) next = Math.min(next, messageUntil);
        return next;
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

    Input input() {
        return input;
    }

    LineEditor editor() {
        return input == Input.COMMAND ? commandLine : filterLine;
    }

    String inputNote() {
        return inputNote;
    }

    int selectedFindingIndex() {
        return findingIndex;
    }

    /** The message to show, or empty once it has expired. */
    String message(long now) {
        if (!message.isEmpty() && now >= messageUntil) message = "";
        return message;
    }

    boolean messageError() {
        return messageError;
    }

    private void edited() {
        if (input == Input.FILTER) setFilter(filterLine.text());
        inputNote = "";
    }

    private void refilter() {
        if (view == null) return;
        shown = ViewFilter.apply(view, filter);
        // At first the eye should land on what is wrong: the worst row, scrolled into view.
        if (selectedKey == null) selectedIndex = worstRow();
        selectRow(indexOfRow(selectedKey, selectedIndex));
        selectFinding(indexOfFinding(selectedFinding, findingIndex));
    }

    private void selectRow(int index) {
        List<Row> rows = shown.rows();
        if (rows.isEmpty()) return;
        selectedIndex = Math.max(0, Math.min(rows.size() - 1, index));
        selectedKey = rows.get(selectedIndex).key();
    }

    private void selectFinding(int index) {
        List<FindingRow> findings = shown.findings();
        if (findings.isEmpty()) return;
        findingIndex = Math.max(0, Math.min(findings.size() - 1, index));
        selectedFinding = id(findings.get(findingIndex));
    }

    private int worstRow() {
        List<Row> rows = shown.rows();
        int worst = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rank(rows.get(i).health()) > rank(rows.get(worst).health())) worst = i;
        }
        return worst;
    }

    private static int rank(Health h) {
        return h == Health.CRIT ? 3 : h == Health.WARN ? 2 : h == Health.UNKNOWN ? 1 : 0;
    }

    private int indexOfRow(String key, int fallback) {
        List<Row> rows = shown.rows();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).key().equals(key)) return i;
        return fallback;
    }

    private int indexOfFinding(String id, int fallback) {
        List<FindingRow> findings = shown.findings();
        for (int i = 0; i < findings.size(); i++) if (id(findings.get(i)).equals(id)) return i;
        return fallback;
    }

    private FindingRow selectedFindingRow() {
        List<FindingRow> findings = shown.findings();
        return findings.isEmpty() ? null : findings.get(Math.min(findingIndex, findings.size() - 1));
    }

    String selectedRowKey() {
        return selectedKey;
    }

    private static String id(FindingRow f) {
        return f.code() + "|" + f.target();
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

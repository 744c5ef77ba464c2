package org.repcon.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.nio.file.Path;
import org.repcon.command.Command;
import org.repcon.tui.paint.FindingsPane;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Themes;
import org.repcon.action.OutputLine;
import org.repcon.setup.Setup;
import org.repcon.topology.Host;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;

/**
 * The console's state and the actions that key bindings and commands run on it: the context stack of layers
 * (the hosts at the bottom; topology, findings, details, setup, the output box, help, a line or a question over
 * them), the filter, the selection. The top layer gets the keys; the layers own their scroll and their Esc. Lives
 * on the UI thread only; {@link Frame} draws it.
 */
public final class Ui implements ConsoleControl {

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
    private ViewFilter.Arrangement arrangement = ViewFilter.Arrangement.DEFAULT;

    private final FindingNotes notes = new FindingNotes();

    /** The setup session the console may open a setup view on; null when it has none. */
    private Setup setup;
    /** Setup views whose worker may still run: awaited before the console hands back the transports. */
    private final List<SetupView> setupViews = new ArrayList<>();

    private boolean quit;

    /** Bottom first; never empty: the hosts layer is never left. */
    private final List<Layer> stack = new ArrayList<>();
    private final HostsLayer hosts = new HostsLayer(this);

    private final Selection selection = new Selection();
    /** The ':' line's editor, kept between lines, on the handler's history (the shell's file). */
    private final LineEditor commandLine;
    private final Message message = new Message();

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
        stack.add(hosts);
        this.commandLine = new LineEditor(commands::history);
    }

    // ---- the stack ----

    /** The layer that gets the keys. */
    Layer top() {
        return stack.get(stack.size() - 1);
    }

    /** The layers, bottom first. */
    List<Layer> layers() {
        return List.copyOf(stack);
    }

    HostsLayer hosts() {
        return hosts;
    }

    /** The highest layer of this type, or null. */
    <T extends Layer> T find(Class<T> type) {
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (type.isInstance(stack.get(i))) return type.cast(stack.get(i));
        }
        return null;
    }

    /** Opens a layer: on top, but under a line being typed or a question, which stay where the keys go. */
    void push(Layer layer) {
        int at = stack.size();
        if (!layer.onTop()) {
            while (at > 1 && stack.get(at - 1).onTop()) at--;
        }
        stack.add(at, layer);
    }

    /** Takes a layer away (not the hosts); it stops what feeds it. */
    void remove(Layer layer) {
        if (layer != hosts && stack.remove(layer)) layer.closed();
    }

    private void removeAll(Class<? extends Layer> type) {
        for (Layer l; (l = find(type)) != null; ) remove(l);
    }

    // ---- keys ----

    /** Runs the top layer's binding for a key stroke, or lets the layer have it (a line types it). */
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
        Layer top = top();
        if (!dispatch(name, top.contexts())) top.unbound(key, name);
    }

    boolean dispatch(String name, List<Context> contexts) {
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

    /** Where keys apply now, most specific first: the top layer's contexts. */
    List<Context> contexts() {
        return top().contexts();
    }

    /** The top layer if it is of this type, else null: bindings of a layer's own contexts act on it. */
    private <T extends Layer> T topAs(Class<T> type) {
        return type.isInstance(top()) ? type.cast(top()) : null;
    }

    // ---- actions (bound in KeyBindings) ----

    public void toggleHelp() {
        HelpLayer help = find(HelpLayer.class);
        if (help != null) remove(help);
        else push(new HelpLayer(this));
    }

    public void startFilter() {
        push(LineLayer.filter(this, filter));
    }

    public void startCommand() {
        push(LineLayer.command(this, commandLine, ""));
    }

    /** Enter on the line: keeps the filter, answers the question, or runs the command. */
    public void acceptInput() {
        LineLayer line = topAs(LineLayer.class);
        if (line != null) line.accept();
    }

    /** Esc on the line: a filter is cleared, a command dropped, a question answered with "cancel". */
    public void cancelInput() {
        LineLayer line = topAs(LineLayer.class);
        if (line != null) line.back();
    }

    void runCommand(String line) {
        commandLine.remember(line);
        say(commands.execute(line, this));
    }

    private void say(CommandHandler.Result result) {
        if (!result.message().isEmpty()) showMessage(result.message(), result.error());
    }

    /**
     * Asks on the bottom line (an action's or setup's y/n, or a name to type), above everything; {@code onAnswer} gets the line
     * typed, or null when the operator cancels (Esc, Ctrl-C) or quits.
     */
    public Runnable ask(String question, Consumer<String> onAnswer) {
        for (LineLayer l; (l = find(LineLayer.class)) != null && l.mode() == LineLayer.Mode.ANSWER; ) {
            remove(l); // a question still open is withdrawn
        }
        removeAll(HelpLayer.class); // the preview it asks about shows
        LineLayer line = LineLayer.answer(this, question, onAnswer);
        push(line);
        return () -> remove(line);
    }

    /** While a question is open: the output box under it (the preview it asks about) scrolls by lines or pages. */
    public void scrollAsked(int lines, int pages) {
        ReportLayer report = find(ReportLayer.class);
        if (report == null) return;
        if (lines != 0) report.move(lines);
        if (pages != 0) report.page(pages);
    }

    /** Opens the output box with these lines (an action's preview, logs, an explanation). */
    @Override
    public void showOutput(String title, List<OutputLine> lines, Runnable onClose) {
        removeAll(ReportLayer.class);
        push(new ReportLayer(this, title, lines, onClose));
    }

    @Override
    public void appendOutput(OutputLine line) {
        if (find(ReportLayer.class) == null) showReport("output", List.of());
        find(ReportLayer.class).append(line);
    }

    @Override
    public void reportFollowing() {
        ReportLayer report = find(ReportLayer.class);
        if (report != null) report.following();
    }

    /** Space in the output box: stops the lines moving (they are kept) or lets them go on. */
    public void togglePause() {
        ReportLayer report = topAs(ReportLayer.class);
        if (report != null) report.togglePause();
    }

    public void closeReport() {
        removeAll(ReportLayer.class);
    }

    /** 'x' in the findings pane: runs the suggested command, as its words; the action asks before it changes anything. */
    public void runFinding() {
        FindingRow f = selection.finding(shown);
        if (f == null || f.fix().isEmpty()) {
            showMessage("no suggested command for this finding", false);
            return;
        }
        var fix = f.fix().get();
        commandLine.remember(fix.text());
        say(commands.run(fix.words(), this));
    }

    void editLine(Consumer<LineEditor> edit) {
        LineLayer line = topAs(LineLayer.class);
        if (line == null) return;
        edit.accept(line.editor());
        edited(line);
    }

    public void historyPrevious() {
        commandLine.previous();
    }

    public void historyNext() {
        commandLine.next();
    }

    /** Tab on the command line: the handler's candidates; one replaces the line, several are listed. */
    public void complete() {
        LineLayer line = topAs(LineLayer.class);
        if (line == null) return;
        List<String> candidates = commands.complete(commandLine.text(), this);
        if (candidates.isEmpty()) {
            line.note("no completions");
        } else if (candidates.size() == 1) {
            commandLine.set(candidates.get(0) + " ");
            line.note("");
        } else {
            // Shown by their last word (what differs), a page at a time: Tab again turns the page.
            int cut = commandLine.text().lastIndexOf(' ') + 1;
            commandLine.set(commonPrefix(candidates));
            line.offer(candidates.stream().map(c -> c.length() >= cut ? c.substring(cut) : c).toList());
        }
    }

    /** j/k: the top layer's list or scroll. */
    public void move(int delta) {
        top().move(delta);
    }

    public void page(int pages) {
        top().page(pages);
    }

    public void first() {
        move(-1_000_000);
    }

    public void last() {
        move(1_000_000);
    }

    /** n / N: the next (or previous) row with a problem, wrapping around; in findings, the next finding. */
    public void nextProblem(int direction) {
        if (top() instanceof FindingsLayer) {
            selection.nextFinding(shown, direction);
        } else if (!selection.nextProblemRow(shown, direction)) {
            showMessage("no problems" + (filter.isEmpty() ? "" : " among the filtered rows"), false);
        }
    }

    /** Tab: the focus to the findings pane, or back. */
    public void nextPane() {
        FindingsLayer findings = topAs(FindingsLayer.class);
        if (findings != null) remove(findings);
        else push(new FindingsLayer(this));
    }

    /** Enter: the details of the selected row, or of the row the selected finding is about. */
    public void openDetails() {
        String key = null;
        if (top() instanceof FindingsLayer) {
            FindingRow f = selection.finding(shown);
            if (f != null && !f.rowKey().isEmpty()) key = f.rowKey();
        } else if (top() == hosts) {
            key = selection.rowKey(shown);
        }
        if (key != null) push(new DetailsLayer(this, key));
    }

    /** Esc: whatever the top layer does with it (closes it, clears the filter, cancels the question). */
    public void back() {
        top().back();
    }

    /** S: the setup view of the selected row's host. */
    public void openSetupHere() {
        String key = selection.rowKey(shown);
        openSetup(key == null ? null : key.split("/")[0]).ifPresent(why -> showMessage(why, true));
    }

    /** Closes the setup view; its worker is stopped (its question withdrawn) and awaited when the console ends. */
    public void closeSetup() {
        removeAll(SetupLayer.class);
    }

    /** The open setup view; bindings of the setup contexts act on it, and only run while it is on top. */
    SetupView setup() {
        SetupLayer layer = find(SetupLayer.class);
        return layer == null ? null : layer.view;
    }

    void offerSetup(Setup session) {
        setup = session;
    }

    /** T: the topology as the main pane, or the hosts again. */
    public void toggleTopology() {
        boolean open = find(TopologyLayer.class) != null;
        while (top() != hosts) remove(top());
        if (!open) push(new TopologyLayer(this));
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
        push(LineLayer.command(this, commandLine, f.command()));
    }

    // ---- many hosts: order, problems only, folding, acknowledging, copying ----

    /** Where the console keeps what outlives it and how it reaches the terminal's clipboard and the screen's text. */
    void keepState(Path stateDir, Clipboard clipboard, Supplier<String> screenText) {
        notes.keep(stateDir, clipboard, screenText);
    }

    /** s: the hosts by health (the worst first) or by name. */
    public void toggleSort() {
        Command.Sort.Order next = arrangement.order() == Command.Sort.Order.HEALTH ? Command.Sort.Order.NAME : Command.Sort.Order.HEALTH;
        sortHosts(next);
        showMessage(next.said(), false);
    }

    /** p: the filter word that keeps only rows with problems, added to the filter or taken out of it. */
    public void toggleProblems() {
        List<String> words = new ArrayList<>(List.of(filter.split("\\s+")));
        words.removeIf(String::isEmpty);
        boolean on = !words.remove(Command.Filter.PROBLEMS);
        if (on) words.add(Command.Filter.PROBLEMS);
        setFilter(String.join(" ", words));
        showMessage(on ? "problems only (p again: everything)" : "everything" + (filter.isEmpty() ? "" : " matching /" + filter), false);
    }

    /** z: healthy hosts folded to their title line, or unfolded. */
    public void toggleFold() {
        arrangement = new ViewFilter.Arrangement(arrangement.order(), !arrangement.collapseHealthy());
        refilter();
        showMessage(arrangement.collapseHealthy() ? "healthy hosts folded (z unfolds)" : "healthy hosts unfolded", false);
    }

    /** a in the findings: acknowledges the selected finding until it changes, or takes an acknowledgement back. */
    public void toggleAcknowledged() {
        FindingRow f = selectedFinding();
        try {
            showMessage(f != null && notes.acknowledged(f, now()) ? notes.unacknowledge(f, now(), readOnly)
                    : acknowledge(Optional.empty()), false);
        } catch (RepconException e) {
            showMessage(e.getMessage(), true);
        }
    }

    @Override
    public String acknowledge(Optional<Duration> lasts) {
        FindingRow f = selectedFinding();
        if (f == null) throw RepconException.invalid("no finding selected: Tab to the findings, pick one, then 'a' or :ack");
        return notes.acknowledge(f, lasts, now(), readOnly);
    }

    /** y in the findings: the selected finding as text, for a ticket. */
    public void copyFinding() {
        FindingRow f = selectedFinding();
        if (f == null) showMessage("no finding selected", false);
        else copied(() -> notes.copy(f, view.topologyName()));
    }

    /** Y: the screen as it shows now, as text. */
    public void copyScreen() {
        copied(notes::copyScreen);
    }

    private void copied(Supplier<String> copy) {
        try {
            showMessage(copy.get(), false);
        } catch (RepconException e) {
            showMessage(e.getMessage(), true);
        }
    }

    /** The finding acted on: the findings pane's selection there; on the hosts, the first finding about the selected row. */
    private FindingRow selectedFinding() {
        if (shown == null) return null;
        if (find(FindingsLayer.class) != null) return selection.finding(shown);
        String key = selection.rowKey(shown);
        return shown.findings().stream().filter(f -> f.rowKey().equals(key)).findFirst().orElse(null);
    }

    /** Each shown finding's first-seen time and acknowledgement, for the findings pane. */
    List<FindingsPane.Mark> marks(List<FindingRow> findings) {
        return notes.marks(findings, now());
    }

    private long now() {
        return clock.getAsLong();
    }

    ViewFilter.Arrangement arrangement() {
        return arrangement;
    }

    // ---- ConsoleControl ----

    @Override
    public void sortHosts(Command.Sort.Order order) {
        arrangement = new ViewFilter.Arrangement(order, arrangement.collapseHealthy());
        refilter();
    }

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
        // Every layer leaves, top first: a question is told "cancelled", a log follow stops, setup's worker stops.
        while (top() != hosts) remove(top());
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
        removeAll(HelpLayer.class);
        removeAll(DetailsLayer.class);
        SetupView view = new SetupView(setup, host, readOnly, poster, new ConsoleConfirmer(this));
        setupViews.removeIf(SetupView::stopped);
        setupViews.add(view);
        push(new SetupLayer(this, view));
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
        notes.seen(v);
        refilter();
    }

    boolean quitting() {
        return quit;
    }

    /**
     * After quitting: waits up to {@code limit} in all for setup's workers to stop (they were interrupted), so that
     * the transports they use are closed after them; false when one still runs.
     */
    boolean awaitWorkers(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (SetupView v : setupViews) {
            if (!v.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) return false;
        }
        return true;
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

    String filter() {
        return filter;
    }

    Message message() {
        return message;
    }

    Selection selection() {
        return selection;
    }

    /** After each edit: a filter narrows as it is typed; a completion note goes. */
    void edited(LineLayer line) {
        if (line.mode() == LineLayer.Mode.FILTER) setFilter(line.editor().text());
        line.note("");
    }

    private void refilter() {
        if (view == null) return;
        shown = ViewFilter.apply(view, filter, arrangement);
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

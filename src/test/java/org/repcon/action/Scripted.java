package org.repcon.action;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** A confirmer that gives prepared replies and keeps the questions, and a reporter that keeps what it was shown. */
final class Scripted implements Confirmer, Reporter {

    final Deque<Reply> replies = new ArrayDeque<>();
    final List<Question> questions = new ArrayList<>();
    final List<Preview> previews = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** A running sync's reports (said as lines too, as by default). */
    final List<SyncProgress> syncs = new ArrayList<>();
    private Consumer<String> onNote = line -> { };

    static Scripted answering(String... answers) {
        Scripted s = new Scripted();
        for (String a : answers) s.replies.add(new Reply.Answer(a));
        return s;
    }

    static Scripted replying(Reply... replies) {
        Scripted s = new Scripted();
        s.replies.addAll(List.of(replies));
        return s;
    }

    @Override
    public Reply ask(Question q) {
        questions.add(q);
        if (replies.isEmpty()) throw new AssertionError("no reply prepared for: " + q.prompt());
        return replies.removeFirst();
    }

    @Override
    public void preview(Preview p) {
        previews.add(p);
    }

    /** Runs {@code action} on each progress line as it is shown: a test acting on the deployment at that moment. */
    Scripted onNote(Consumer<String> action) {
        this.onNote = action;
        return this;
    }

    @Override
    public void note(String line) {
        notes.add(line);
        onNote.accept(line);
    }

    @Override
    public void sync(SyncProgress progress) {
        syncs.add(progress);
        Reporter.super.sync(progress);
    }

    /** Everything shown: previews and progress, one string. */
    String shown() {
        StringBuilder s = new StringBuilder();
        previews.forEach(p -> p.lines().forEach(l -> s.append(l).append('\n')));
        notes.forEach(n -> s.append(n).append('\n'));
        return s.toString();
    }
}

package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.repcon.action.Confirmation;
import org.repcon.action.Question;
import org.repcon.action.Reply;

/**
 * The console's one way to ask (actions and setup): the asking worker waits while the question is on the bottom line
 * (here a stand-in UI thread: a queue this test drains), gets what was typed, and when interrupted (the console or the
 * setup view closing) withdraws the question it left there.
 */
class ConsoleConfirmerTest {

    private final LinkedBlockingQueue<Runnable> uiThread = new LinkedBlockingQueue<>();
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final List<String> withdrawn = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> answer;

    private final ConsoleConfirmer confirmer = new ConsoleConfirmer(uiThread::add, (line, onAnswer) -> {
        shown.add(line);
        answer = onAnswer;
        return () -> withdrawn.add(line);
    });

    private CompletableFuture<Reply> askOnAWorker(Question q, Thread[] worker) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        worker[0] = new Thread(() -> reply.complete(confirmer.ask(q)), "test-worker");
        worker[0].start();
        return reply;
    }

    private void runUiTask() throws InterruptedException {
        Runnable task = uiThread.poll(10, TimeUnit.SECONDS);
        assertThat(task).as("a task posted to the UI thread").isNotNull();
        task.run();
    }

    @Test
    void aTypedAnswerAndACancelComeBackAsReplies() throws Exception {
        Thread[] worker = new Thread[1];
        CompletableFuture<Reply> yes = askOnAWorker(new Question(Confirmation.YES_NO, "stop x? [y/n] ", "", true), worker);
        runUiTask();
        assertThat(shown).containsExactly("please answer y or n. stop x? [y/n] ");
        answer.accept("y");
        assertThat(yes.get(10, TimeUnit.SECONDS)).isEqualTo(new Reply.Answer("y"));

        CompletableFuture<Reply> name = askOnAWorker(new Question(Confirmation.TYPE_NAME, "type a/b: ", "a/b", false), worker);
        runUiTask();
        assertThat(shown).last().isEqualTo("type a/b: ");
        answer.accept(null); // Esc
        assertThat(name.get(10, TimeUnit.SECONDS)).isInstanceOf(Reply.Cancelled.class);
        assertThat(withdrawn).isEmpty();
    }

    @Test
    void anInterruptedWorkerWithdrawsItsQuestion() throws Exception {
        Thread[] worker = new Thread[1];
        CompletableFuture<Reply> reply = askOnAWorker(new Question(Confirmation.YES_NO, "apply? [y/n] ", "", false), worker);
        runUiTask();
        assertThat(shown).containsExactly("apply? [y/n] ");
        worker[0].interrupt();
        assertThat(reply.get(10, TimeUnit.SECONDS)).isInstanceOf(Reply.Cancelled.class);
        runUiTask();
        assertThat(withdrawn).containsExactly("apply? [y/n] ");
    }
}

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

    /** A question asked on a worker thread of its own, and the reply it gets. */
    private record Asked(Thread worker, CompletableFuture<Reply> reply) {
        Reply replied() throws Exception {
            return reply.get(10, TimeUnit.SECONDS);
        }
    }

    /** Asks on a worker, and runs the UI task that puts the question on the bottom line. */
    private Asked ask(Question q) throws InterruptedException {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Thread worker = new Thread(() -> reply.complete(confirmer.ask(q)), "test-worker");
        worker.start();
        runUiTask();
        return new Asked(worker, reply);
    }

    private void runUiTask() throws InterruptedException {
        Runnable task = uiThread.poll(10, TimeUnit.SECONDS);
        assertThat(task).as("a task posted to the UI thread").isNotNull();
        task.run();
    }

    @Test
    void aTypedAnswerAndACancelComeBackAsReplies() throws Exception {
        Asked yes = ask(new Question(Confirmation.YES_NO, "stop x? [y/n] ", "", true));
        assertThat(shown).containsExactly("please answer y or n. stop x? [y/n] ");
        answer.accept("y");
        assertThat(yes.replied()).isEqualTo(new Reply.Answer("y"));

        Asked name = ask(new Question(Confirmation.TYPE_NAME, "type a/b: ", "a/b", false));
        assertThat(shown).last().isEqualTo("type a/b: ");
        answer.accept(null); // Esc
        assertThat(name.replied()).isInstanceOf(Reply.Cancelled.class);
        assertThat(withdrawn).isEmpty();
    }

    @Test
    void anInterruptedWorkerWithdrawsItsQuestion() throws Exception {
        Asked asked = ask(new Question(Confirmation.YES_NO, "apply? [y/n] ", "", false));
        assertThat(shown).containsExactly("apply? [y/n] ");
        asked.worker().interrupt();
        assertThat(asked.replied()).isInstanceOf(Reply.Cancelled.class);
        runUiTask();
        assertThat(withdrawn).containsExactly("apply? [y/n] ");
    }
}

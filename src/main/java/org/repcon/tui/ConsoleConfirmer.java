package org.repcon.tui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.repcon.action.Confirmer;
import org.repcon.action.Question;
import org.repcon.action.Reply;

/**
 * The console's one way to ask, for actions and setup alike: the question on the bottom line, where a y/n or a name is
 * typed and Enter gives it (Esc or Ctrl-C cancel); the asking thread (an action's or setup's worker) waits for the
 * answer. A worker interrupted while it waits (the console or the setup view closing) withdraws its question.
 */
final class ConsoleConfirmer implements Confirmer {

    /** Runs a task on the UI thread. */
    private final Consumer<Runnable> post;
    /** Shows the question on the bottom line (on the UI thread); gives what withdraws it. */
    private final BiFunction<String, Consumer<String>, Runnable> show;

    ConsoleConfirmer(ConsoleControl console) {
        this(console::post, console::ask);
    }

    ConsoleConfirmer(Consumer<Runnable> post, BiFunction<String, Consumer<String>, Runnable> show) {
        this.post = post;
        this.show = show;
    }

    @Override
    public Reply ask(Question q) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        AtomicReference<Runnable> withdraw = new AtomicReference<>();
        String line = (q.again() ? q.hint() + ". " : "") + q.prompt();
        post.accept(() -> {
            if (reply.isDone()) return; // given up before it could be shown
            withdraw.set(show.apply(line, typed -> reply.complete(typed == null ? new Reply.Cancelled() : new Reply.Answer(typed))));
        });
        try {
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.complete(new Reply.Cancelled());
            post.accept(() -> {
                Runnable w = withdraw.get();
                if (w != null) w.run();
            });
            return new Reply.Cancelled();
        } catch (ExecutionException e) {
            return new Reply.Cancelled();
        }
    }
}

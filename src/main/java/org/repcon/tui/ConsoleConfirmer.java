package org.repcon.tui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.repcon.action.Confirmer;
import org.repcon.action.Question;
import org.repcon.action.Reply;

/**
 * The console's one way to ask, for actions and setup alike: the question on the bottom line, where a y/n or a name is
 * typed and Enter gives it (Esc or Ctrl-C cancel); the asking thread (an action's or setup's worker) waits for the
 * answer. A worker interrupted while it waits (the console or the setup view closing) withdraws its question.
 */
final class ConsoleConfirmer implements Confirmer {

    private final ConsoleControl console;

    ConsoleConfirmer(ConsoleControl console) {
        this.console = console;
    }

    @Override
    public Reply ask(Question q) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        AtomicReference<Runnable> withdraw = new AtomicReference<>();
        String line = (q.again() ? q.hint() + ". " : "") + q.prompt();
        console.post(() -> {
            if (reply.isDone()) return; // given up before it could be shown
            withdraw.set(console.ask(line, typed -> reply.complete(typed == null ? new Reply.Cancelled() : new Reply.Answer(typed))));
        });
        try {
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.complete(new Reply.Cancelled());
            console.post(() -> {
                Runnable w = withdraw.get();
                if (w != null) w.run();
            });
            return new Reply.Cancelled();
        } catch (ExecutionException e) {
            return new Reply.Cancelled();
        }
    }
}

package org.repcon.tui;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * The process's tty, with Ctrl-C as a key, that can be given back to the shell for a suspend (Ctrl-Z) and taken
 * again on {@code fg}: the shell does not restore the raw mode of a job it continues.
 */
final class JobControlTerminal extends UnixTerminal {

    JobControlTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    /** An escape sequence the screen does not know (OSC 52, the clipboard), written as is; on the UI thread. */
    void sendEscape(String sequence) {
        try {
            writeToTerminal(sequence.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            flush();
        } catch (IOException e) {
            org.repcon.util.Log.get(JobControlTerminal.class).log(java.util.logging.Level.WARNING, "cannot write to the terminal", e);
        }
    }

    /** As the shell had it: main screen, cursor shown, line mode with echo. */
    void release() throws IOException {
        setCursorVisible(true);
        exitPrivateMode();
        flush();
        restoreTerminalSettings();
    }

    /** Raw again, on the alternate screen; the caller repaints every cell. */
    void reacquire() throws IOException {
        saveTerminalSettings(); // the shell's, which may have changed meanwhile
        canonicalMode(false);
        keyEchoEnabled(false);
        keyStrokeSignalsEnabled(false);
        enterPrivateMode();
        flush();
    }
}

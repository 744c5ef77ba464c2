package org.repcon.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real ANSI terminal (escape sequences and all) writing into memory: counts the bytes the console
 * sends and the frames it flushes, and keeps the output to look for sequences in. Its size is set
 * by the test, not asked of a tty.
 */
final class CountingTerminal extends ANSITerminal {

    private final Counter counter;
    private final AtomicInteger flushes = new AtomicInteger();
    private volatile TerminalSize size;

    private CountingTerminal(InputStream in, Counter out, TerminalSize size) {
        super(in, out, StandardCharsets.UTF_8);
        this.counter = out;
        this.size = size;
    }

    static CountingTerminal of(InputStream keys, int width, int height) {
        return new CountingTerminal(keys, new Counter(), new TerminalSize(width, height));
    }

    @Override
    protected TerminalSize findTerminalSize() {
        return size;
    }

    /** As a SIGWINCH would. */
    void resize(int width, int height) {
        size = new TerminalSize(width, height);
        onResized(size);
    }

    @Override
    public void flush() throws IOException {
        super.flush();
        flushes.incrementAndGet();
    }

    long bytes() {
        return counter.bytes.get();
    }

    int flushes() {
        return flushes.get();
    }

    String output() {
        synchronized (counter) {
            return counter.copy.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Counter extends OutputStream {
        final AtomicLong bytes = new AtomicLong();
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.incrementAndGet();
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.addAndGet(len);
            copy.write(b, off, len);
        }
    }
}

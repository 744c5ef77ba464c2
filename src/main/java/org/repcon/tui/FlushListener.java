package org.repcon.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;

/**
 * What a virtual terminal's watcher wants to hear: that a frame was flushed (a refresh ends with one, so the screen is
 * never half drawn then). The screen tests and {@code repcon bench frame} read the console this way.
 */
@FunctionalInterface
public interface FlushListener extends VirtualTerminalListener {

    @Override
    void onFlush();

    @Override
    default void onBell() {}

    @Override
    default void onClose() {}

    @Override
    default void onResized(Terminal terminal, TerminalSize size) {}
}

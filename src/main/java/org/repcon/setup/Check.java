package org.repcon.setup;

import java.util.List;

/**
 * A step as detected on its host: its state, one line saying why, the diff of a file (secret lines masked; never
 * for the PSK file), and the commands applying it would run now. Safe to show: it holds no secret.
 *
 * @param commands what applying runs, as shown ("pkg install -y redis stunnel", "write /etc/rc.conf (mode 644)")
 */
public record Check(State state, String detail, String diff, List<String> commands) {

    public Check {
        commands = List.copyOf(commands);
    }

    public static Check done(String detail) {
        return new Check(State.DONE, detail, "", List.of());
    }

    public static Check of(State state, String detail, List<String> commands) {
        return new Check(state, detail, "", commands);
    }

    public boolean done() {
        return state == State.DONE;
    }
}

package org.repcon.action;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.probe.InstanceSample;
import org.repcon.topology.Instance;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

/** The few Redis calls actions make, with failures as one-line RepconExceptions. */
final class Redis {

    private Redis() {}

    /** Sends one command as written ({@code REPLICAOF host port}); returns the reply. */
    static Object call(Jedis jedis, List<String> args) {
        byte[] name = SafeEncoder.encode(args.get(0));
        ProtocolCommand command = () -> name;
        return jedis.sendCommand(command, args.subList(1, args.size()).toArray(String[]::new));
    }

    /** INFO of an instance on a fresh connection. */
    static Info info(ActionContext ctx, Instance instance) {
        try (Jedis j = ctx.connect(instance)) {
            return InfoParser.parse(j.info());
        } catch (JedisException e) {
            throw RepconException.failed(instance.ref() + ": " + reason(e), e);
        }
    }

    static long dbsize(ActionContext ctx, Instance instance) {
        try (Jedis j = ctx.connect(instance)) {
            return j.dbSize();
        } catch (JedisException e) {
            throw RepconException.failed(instance.ref() + ": " + reason(e), e);
        }
    }

    /**
     * Why an instance an action needs does not answer, in one line: "cannot reach H/I: ssh to ... failed: ..." when
     * its host cannot be reached (the instance may well run), else "H/I does not answer (REFUSED: ...)".
     */
    static String notAnswering(InstanceSample s) {
        return s.status() == InstanceSample.Status.UNREACHABLE ? "cannot reach " + s.instance() + ": " + s.message()
                : s.instance() + " does not answer (" + s.summary() + ")";
    }

    /** "connection refused", "timed out", or the error reply: without the exception's class and stack. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) return "connection refused";
            if (t instanceof SocketTimeoutException) return "timed out";
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof ConnectException) return "connection refused";
                if (s instanceof SocketTimeoutException) return "timed out";
            }
        }
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

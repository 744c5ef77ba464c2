package org.repcon.diagnosis;

import java.util.Locale;
import java.util.Optional;

/**
 * The stable codes of findings, each with the explanation {@code explain CODE} prints. Codes are
 * part of the interface (check's JSON, scripts, tests): renaming one is a breaking change.
 */
public enum Code {
    INSTANCE_DOWN("The instance refuses connections: redis-server is not running. A master comes back"
            + " with what its files hold (its RDB, or its AOF), and its replicas then copy that, whatever it is: a master"
            + " killed before it saved, or whose RDB is gone, would wipe them. So for a master whose replicas hold data"
            + " and whose last save is not known to be current, the suggested fix is restore, not start; start itself is"
            + " refused by repcon's dataset guard when the files would bring it back empty or behind.",
            "Start it (start HOST/INSTANCE), or for such a master restore MASTER from REPLICA; read its log for why it stopped."),
    INSTANCE_HUNG("The instance accepts connections but answers nothing within the timeout: the"
            + " process is stopped (SIGSTOP), stuck, or starved. Its replicas' links stay 'up' until Redis's"
            + " repl-timeout (60 s) runs out, then drop.", "Find out what holds it (ps, log); restart it if it stays hung."),
    HOST_UNREACHABLE("repcon cannot reach the host at all (network, ssh).",
            "Check the network path and ssh access from this machine."),
    MASTER_UNREACHABLE_FROM_HERE("repcon cannot reach the master, but its replicas"
            + " still replicate: the problem is between this machine and the master, not in the deployment.",
            "Check this machine's access to the master."),
    PROBE_AUTH("The instance wants a password that the topology does not give (or gives wrong), so"
            + " repcon cannot read its state.", "Set password_file or password_env for the instance in the topology."),
    INSTANCE_BUSY("The instance answers BUSY to every command: a Lua script, a function or a module"
            + " command has run past busy-reply-threshold (lua-time-limit, 5 s by default). Until it ends, Rspamd's reads and"
            + " writes fail, and on a master the replicas' links time out.", "SCRIPT KILL on it (redis-cli -p PORT SCRIPT"
            + " KILL; FUNCTION KILL for a function). A script that already wrote cannot be killed: then SHUTDOWN NOSAVE,"
            + " which loses what was not saved, so only on a replica or after a fresh save."),
    WRITES_REFUSED("The master answers writes with an error, so Rspamd's learning fails while INFO"
            + " looks healthy: NOREPLICAS (fewer replicas with a link lag within min-replicas-max-lag than"
            + " min-replicas-to-write), MISCONF (a failed background save with stop-writes-on-bgsave-error yes) or OOM"
            + " (maxmemory with noeviction). Read from the master's errorstat counters as they rise.",
            "NOREPLICAS: bring the replicas' links back, or lower min-replicas-to-write on the master (CONFIG SET and its"
                    + " file). MISCONF: see rdb-failing. OOM: see master-full."),
    READS_REFUSED("The replica answers reads with an error, so Rspamd's classification fails there:"
            + " MASTERDOWN (its link is down and replica-serve-stale-data is no) or LOADING (it is loading a dataset, after"
            + " a restart or a full sync). Read from the replica's errorstat counters as they rise.",
            "MASTERDOWN: bring the link back (see the link's own finding), or set replica-serve-stale-data yes to serve"
                    + " the last data meanwhile. LOADING: wait; a large dataset loads for a while after every full sync."),
    WRITES_TO_REPLICA("Something writes to a replica, which refuses with READONLY: Rspamd's"
            + " write_servers points at the replica instead of the local end of the tunnel to the master, so learning on"
            + " that host fails. The Rspamd issue tracker's most repeated replication complaint.",
            "On the replica's host, point write_servers (local.d/redis.conf, classifier-bayes.conf) at the tunnel's"
                    + " local port, keep read_servers on the local replica."),
    PROBE_PROTOCOL("The instance answered something that is not Redis's INFO.",
            "Check that the port belongs to this Redis instance."),
    ROLE_MISMATCH("The instance's role differs from the topology's: a master that became a replica,"
            + " or a replica that became a master (REPLICAOF NO ONE, a failover, a lost replicaof line).",
            "Re-point the replica (repoint) or promote deliberately; persist it in the instance file."),
    WRONG_MASTER("The replica follows another endpoint than the local end of its tunnel.",
            "repoint HOST/INSTANCE to MASTER"),
    LOCAL_TUNNEL_DOWN("The replica's local stunnel end refuses connections: stunnel is not"
            + " running on the replica host. The replica logs 'Error condition on socket for SYNC: Connection refused'.",
            "start HOST/tunnel/NAME"),
    SERVER_TUNNEL_DOWN("The master's stunnel server end refuses connections: stunnel is not"
            + " running on the master host, so every replica behind it is cut off.", "start HOST/tunnel/NAME"),
    REMOTE_LEG_DOWN("The replica's local tunnel end accepts, but a PING through it gets no"
            + " Redis answer: the TLS leg to the master fails (master's stunnel down or unreachable, PSK identity or"
            + " secret rejected) or the master instance is down.", "Check the master's stunnel and instance; compare PSK files."),
    TUNNEL_HUNG("A tunnel end accepts connections but nothing comes back: stunnel is frozen, or"
            + " the path behind it hangs. Redis notices only after repl-timeout (60 s).",
            "Restart the tunnel (restart HOST/tunnel/NAME) if it stays hung."),
    AUTH_FAILURE("The master asks the replica for a password it does not give or gets wrong"
            + " (NOAUTH / Unable to AUTH to MASTER in the replica's log).",
            "Set masterauth (and masteruser) on the replica and persist it in its file."),
    LINK_DOWN("The replica's link to its master is down and the tunnels look fine; the log says why.",
            "logs HOST/INSTANCE"),
    LINK_FLAPPING("The replica's link to its master keeps breaking and being made again: Redis 8.x counts"
            + " the replica's attempts to sync (master_total_sync_attempts), and they rose several times within minutes. Each"
            + " reconnection costs a partial or a full resync. Causes: a tunnel or network that drops connections, a master"
            + " that restarts, a repl-timeout shorter than the link's pauses.",
            "Read the replica's log (logs HOST/INSTANCE) and the tunnel's; raise repl-timeout if the link pauses."),
    FULL_SYNC_LOOP("Full resyncs repeat: the replica's sync is cut off before it finishes, often"
            + " by the master's client-output-buffer-limit for replicas, and starts over.",
            "Raise client-output-buffer-limit replica on the master."),
    BACKLOG_TOO_SMALL("Partial resyncs fail after short outages because the master's backlog"
            + " no longer holds the replica's offset; each one costs a full sync.", "Raise repl-backlog-size on the master."),
    LAGGING("The replica's link is up but it falls behind its master.",
            "resync HOST/INSTANCE; if it persists, resync HOST/INSTANCE --full"),
    HEARTBEAT_LAG("The replica's data trail its master's in real time: the heartbeat repcon writes"
            + " into the master each refresh (repcon:heartbeat, this machine's clock; topology 'heartbeat: true') is older on"
            + " the replica than the threshold. Rspamd on the replica's host classifies with Bayes and fuzzy data that old."
            + " Unlike the master's lag= (the age of the replica's last acknowledgement) and master_last_io_seconds_ago, this"
            + " is the delay of the data itself, with one clock, so no NTP assumption.",
            "Look at the link's and the tunnel's findings; resync HOST/INSTANCE if the link is up and it does not catch up."),
    SYNC_STALLED("A full sync is in progress but no bytes arrive.", "resync HOST/INSTANCE --full"),
    REPLICA_WRITABLE("The replica accepts writes (replica-read-only no): writes to it are lost"
            + " at the next sync, and Rspamd may be writing to the wrong server.",
            "Set replica-read-only yes; check Rspamd's write_servers."),
    MASTER_FULL("The master reached maxmemory with noeviction: learning fails with OOM errors.",
            "Raise maxmemory, or expire old data."),
    MASTER_NEAR_FULL("The master is close to maxmemory with noeviction.", "Raise maxmemory before it fills."),
    REPLICA_NEAR_LIMIT("The replica is close to its memory limit, or its limit is below its"
            + " master's; replicas ignore maxmemory since Redis 5, so the host's RAM is what runs out.",
            "Keep the replica's maxmemory at least the master's."),
    RDB_FAILING("Background saving fails (disk full, permissions): the master refuses writes with"
            + " MISCONF, and full syncs cannot be produced.", "Free disk space or fix the dir's permissions, then BGSAVE."),
    VERSION_MISMATCH("The replica runs an older Redis than its master and may not read its RDB.",
            "Upgrade the replica."),
    SERVER_MISMATCH("The instance answers INFO as another server than its host's 'server:' in the topology"
            + " (server_name:valkey where it says redis, or none where it says valkey). repcon names everything for the host"
            + " by that key: its services (valkey-server@NAME, service valkey), packages and files, so setup and the actions"
            + " would drive a service that is not the one running, and write files it does not read.",
            "Set 'server:' on the host (or the topology) to what runs there (repcon discover reads it), or install the"
                    + " server the topology names."),
    REPLICAS_INDISTINGUISHABLE("Several replicas appear on the master with the same"
            + " address (behind stunnel they all come from 127.0.0.1), so the master's view cannot tell them apart.",
            "Set replica-announce-ip on each replica (in the topology: settings: { replica-announce-ip: ITS_ADDRESS })."),
    CACHE_REPLICATING("The cache instance takes part in replication; the tutorial keeps each"
            + " host's cache local.", "Make it a master again (promote) and remove its replicaof line."),
    MASTER_DATA_LOST("The master came back (a new run id) with far fewer keys than it held before,"
            + " or holds far fewer than its replicas: it restarted without a current RDB or AOF (killed before it saved,"
            + " save \"\" with appendonly no, its file lost). While a replica still holds the data, the next full sync"
            + " replaces it with the master's empty or older dataset; once the replicas synced, they were wiped too.",
            "While a replica holds the data: restore MASTER from REPLICA at once (and keep the replicas from syncing"
                    + " meanwhile). Once wiped: the RDB backups (FILE.bak-*) beside the instances' files, or a backup."),
    MASTER_WITHOUT_PERSISTENCE("The master has replicas but does not persist: no AOF"
            + " (aof_enabled:0) and no RDB save for longer than Redis's default save rules allow while changes wait"
            + " (save \"\", or rules too sparse). Redis's replication documentation warns against exactly this: a master"
            + " restarted (by hand or by a service manager) comes back empty, and its replicas copy the empty dataset.",
            "Turn persistence on in the master's file (a save line, or appendonly yes) and CONFIG SET the same; repcon"
                    + " refuses to restart such a master."),
    REPLICA_DIVERGED("The replica's offset matches its master's, yet it holds more keys:"
            + " writes landed on the replica (replica-read-only no, or a client writing to the wrong server). They are not"
            + " on the master and vanish at the next full sync.", "Find who writes to the replica (Rspamd's write_servers),"
                    + " set replica-read-only yes; copy what matters to the master first."),
    CONFIG_DRIFT("The instance runs with a value its file does not hold (read by CONFIG GET about once a"
            + " minute, of the directives repcon writes: replicaof, masterauth, maxmemory, replica-read-only,"
            + " repl-backlog-size, client-output-buffer-limit, save, appendonly, min-replicas-to-write): a CONFIG SET, or a"
            + " file edited since the start. At its next restart it takes the file's value, and what the running value"
            + " fixed comes back.", "set HOST/INSTANCE PARAMETER VALUE writes the value into the file and sets it at"
                    + " runtime (suggested with the topology's value where it gives one; where it gives none, put the value"
                    + " meant into the topology or set it); repoint for replicaof."),
    FILE_DRIFT("The instance's file gives a directive repcon writes otherwise than the topology renders it: a hand"
            + " edit, or a topology changed since setup. The next restart takes the file's value; for replicaof or"
            + " masterauth that breaks the replica's replication then.", "set HOST/INSTANCE PARAMETER VALUE (or repoint"
                    + " for replicaof) to the topology's value; repcon setup HOST writes every file anew, or change the"
                    + " topology if the file is right."),
    LEARNS_DIVERGED("The replica's offset matches its master's, yet Rspamd's counters there trail"
            + " the master's (Bayes: learns_spam/learns_ham in the hash RS; fuzzy: fuzzy_count): the replica's data diverged"
            + " from what the stream says it holds (a write or a delete on the replica, a dataset loaded from elsewhere). Rspamd"
            + " on the replica's host classifies with fewer learns than the master has.",
            "resync HOST/INSTANCE --full: the replica fetches its master's dataset anew."),
    LEARNING_STOPPED("Rspamd's counters on a master (Bayes learns_spam/learns_ham, fuzzy_count) moved while repcon"
            + " watched, then stood still longer than the threshold (2 h): no learning reaches the master. Rspamd's"
            + " write_servers on the learning hosts point elsewhere (a replica, another port), or their writes through the"
            + " tunnel fail. A site with no mail for that long sees it too: the threshold is long for that.",
            "Check Rspamd's write_servers on each host (rspamd-misrouted says where they differ), the tunnels to the master,"
                    + " and Rspamd's log for learn errors."),
    LEARNS_ON_REPLICA("Rspamd's counters on the replica exceed its master's (Bayes learns, fuzzy"
            + " hashes): learning lands on the replica, not on the master: Rspamd's write_servers on that host point at the"
            + " local replica (made writable) instead of the tunnel to the master. Those learns are on no other host, and"
            + " the replica's next full sync wipes them.",
            "On the replica's host, point write_servers at the tunnel's local port, set replica-read-only yes; learn again"
                    + " on the master what matters."),
    RSPAMD_MISROUTED("Rspamd's own files on the host route a Redis part elsewhere than the topology:"
            + " on a replica's host Rspamd must read the local replica and write through the local end of the tunnel to the"
            + " master; on the master's host it reads and writes the local instance. Writes to a replica fail with READONLY"
            + " (learning is lost), reads through the tunnel add the tunnel to every classification. Read from"
            + " local.d/override.d (redis.conf, classifier-bayes.conf, worker-fuzzy.inc) about once a minute.",
            "Edit the file and line named to the port shown (repcon setup HOST writes the tutorial's files), then reload Rspamd."),
    EXPOSED_WITHOUT_PASSWORD("The instance listens beyond loopback without a password.",
            "Bind to loopback only (the tunnel is the way in) or set a password.");

    private final String explanation;
    private final String remedy;

    Code(String explanation, String remedy) {
        this.explanation = explanation;
        this.remedy = remedy;
    }

    /** The constant's name in lower case, '_' written '-' ({@code instance-down}), as Role's keys are made. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String explanation() {
        return explanation;
    }

    public String remedy() {
        return remedy;
    }

    public static Optional<Code> of(String id) {
        for (Code c : values()) if (c.id().equals(id)) return Optional.of(c);
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }
}

package org.repcon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that probes a deployment (status, check, shell): the topology file and the probe's options. */
abstract class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TopologyFile topologyFile;
    @Mixin
    MonitorOptions monitorOptions;
}

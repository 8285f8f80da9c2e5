package io.xmodal.launcher;

import picocli.CommandLine.Command;

/**
 * {@code xmodal doctor}: what this machine and distribution give xmodal, and whether it can work.
 * Runs on the host (see {@link Doctor}) rather than through the engine, so that it still answers when
 * the engine does not start.
 */
@Command(name = "doctor",
        description = {"Check this machine and distribution: Java, processor and its flags, the CPU builds shipped and the one "
                + "chosen, the ND4J build that loads, threads, memory limits, GPUs and whether the CUDA build supports them, "
                + "the features, bundles and drop-ins, and the engine.",
            "%nPrints one line per fact. Exit status 1, with a 'problem:' line each, when something stops xmodal from "
                + "working (ND4J does not load, a bundle does not start, no engine, too little memory, a --backend that cannot "
                + "run here); 0 otherwise."})
final class DoctorCommand {
}

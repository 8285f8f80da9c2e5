package io.xmodal.launcher;

import picocli.CommandLine.ParseResult;

/**
 * The options every command takes, wherever they stand on the command line
 * ({@code xmodal --verbose run x.yaml} or {@code xmodal run x.yaml --verbose}).
 *
 * @param verbose logging, backend line and stack traces shown
 * @param threads {@code --threads}, or null for the default
 * @param offheap {@code --offheap} in bytes, or null for the default
 * @param backend  the compute backend asked for
 * @param fallback the CPU backend to use when that one cannot run here, or null
 */
record GlobalOptions(boolean verbose, Integer threads, Long offheap, BackendName backend, BackendName fallback) {

    static GlobalOptions from(ParseResult parsed) {
        boolean verbose = false;
        Integer threads = null;
        Long offheap = null;
        BackendName backend = BackendName.CPU;
        BackendName fallback = null;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
            threads = p.hasMatchedOption("--threads") ? p.matchedOptionValue("--threads", threads) : threads;
            offheap = p.hasMatchedOption("--offheap") ? p.matchedOptionValue("--offheap", offheap) : offheap;
            backend = p.hasMatchedOption("--backend") ? p.matchedOptionValue("--backend", backend) : backend;
            fallback = p.hasMatchedOption("--fallback") ? p.matchedOptionValue("--fallback", fallback) : fallback;
        }
        return new GlobalOptions(verbose, threads, offheap, backend, fallback);
    }
}

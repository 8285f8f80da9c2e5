package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.util.Map;

/** A subcommand that needs the engine. */
interface EngineCommand {
    /** A usage problem visible before anything starts (exit status 2), or null. */
    default String precheck() {
        return null;
    }

    /**
     * Whether the backend line is shown without {@code --verbose}: yes for commands that compute
     * (run, evaluate, bench); commands that only read the components (plugins, validate) say no.
     */
    default boolean announcesBackend() {
        return true;
    }

    /**
     * @param host facts about the host for provenance (see {@link Launch})
     * @return the exit status
     */
    int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException;
}

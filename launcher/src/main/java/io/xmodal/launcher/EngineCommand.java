package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Path;
import java.util.List;
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
     * The descriptor whose {@code requires.features} chooses the features to install (run, validate,
     * study), or null: every feature (see {@link FeatureRequest}).
     */
    default Path descriptorFile() {
        return null;
    }

    /** The command's {@code --set} settings ({@code requires.features=...} replaces the file's list). */
    default List<String> descriptorOverrides() {
        return List.of();
    }

    /**
     * @param host facts about the host for provenance (see {@link Launch})
     * @return the exit status
     */
    int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException;
}

package io.xmodal.api.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The engine, as the launcher and other programs use it. Registered as an OSGi service. */
public interface Workbench {
    /**
     * Checks a descriptor against the installed components (keys, names, types, ranges, shapes,
     * data files) without building or training anything. A study file (one with {@code vary:}) has
     * every one of its variants checked; each problem names the variant.
     *
     * @return a one-line summary of the resolved experiment (of a study: its variants)
     * @throws DescriptorException listing every problem found
     */
    String validate(Path descriptor, List<String> overrides) throws DescriptorException;

    /**
     * Validates, trains, evaluates and records a run. Problems with the descriptor throw before
     * anything is written; failures afterwards return an outcome with {@code ok == false} and a
     * run directory whose {@code metrics.json} says {@code "status": "failed"}.
     */
    RunOutcome run(RunRequest request) throws DescriptorException;

    /**
     * Runs one variant of a study: the study file with the study keys set aside and the variant's
     * values applied where the file gives them (so problems point into the file).
     *
     * @param request the study file, run directory, extra overrides (applied after the variant's), progress, host
     * @param variant a run's name as the study lists it ({@code study.json}), or its 1-based index
     */
    RunOutcome runVariant(RunRequest request, String variant) throws DescriptorException;

    /**
     * Runs a study: checks every variant first (a problem in any one stops everything, exit 2), then
     * starts the runs through the request's launcher, a bounded number at once, keeping
     * {@code study.json} current, and ends with the aggregated table and {@code report.html}. An
     * existing study directory is resumed: finished runs are kept, partial ones are redone; a study
     * whose descriptor changed since is refused unless {@code restart} is set.
     */
    StudyOutcome study(StudyRequest request) throws DescriptorException;

    /**
     * Writes a self-contained HTML report comparing studies and run directories.
     *
     * @param dirs study directories (with study.json) or run directories (with metrics.json)
     * @param out  the HTML file to write
     * @return the file written
     * @throws DescriptorException when a directory is neither a study nor a run
     */
    Path report(List<Path> dirs, Path out) throws DescriptorException;

    /** Reloads the model of a finished run and recomputes its test metrics. */
    RunOutcome evaluate(Path runDir, Consumer<String> progress) throws DescriptorException;

    /**
     * Times training steps of reference models built from the installed components, on random
     * data, exactly as a run trains (same step code, Adam, float32).
     *
     * @param models names of reference models; empty means all
     * @throws DescriptorException when a name is unknown or a component it needs is missing
     */
    List<BenchResult> bench(List<String> models, int warmup, int steps, Consumer<String> progress) throws DescriptorException;

    /**
     * Builds a dataset on disk with a recipe component ({@code xmodal data build}).
     *
     * @param options recipe parameters as {@code key=value} (values read as YAML), checked against its schema
     * @return the recipe's one-line summary
     * @throws DescriptorException when the recipe is unknown, an option is wrong, {@code out} is not an
     *                             empty folder, or a tool the recipe needs is missing
     */
    String buildData(String recipe, Path out, List<String> options, long seed, Consumer<String> progress) throws DescriptorException;

    /**
     * Embeds one file (an image or a WAV, read and transformed as the run's data was) with the matching
     * encoder of a finished contrastive run and searches the run's index of the other modality.
     *
     * @param k how many items to return (1 or more)
     * @throws DescriptorException when the folder is not a finished contrastive run, the file is of no
     *                             modality the run embeds, or k is below 1
     * @since 0.3
     */
    default Retrieval retrieve(Path runDir, Path query, int k, Consumer<String> progress) throws DescriptorException {
        throw new UnsupportedOperationException("this engine cannot retrieve");
    }

    /** The components registered right now, sorted by role and name. */
    List<ComponentInfo> components();
}

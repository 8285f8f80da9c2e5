package io.xmodal.api.data;

import io.xmodal.api.Component;
import io.xmodal.api.Params;

import java.nio.file.Path;

/**
 * Builds a dataset on disk ({@code xmodal data build NAME --out DIR}): synthesised speech, rendered
 * instruments, generated videos. Register the DS component under this interface; its spec's role is
 * {@link io.xmodal.api.Role#RECIPE} and its parameters are the recipe's options.
 *
 * <p>A recipe is deterministic: the same parameters and seed give the same files. It writes into
 * {@code out} (which the caller guarantees is empty or absent) and leaves a manifest a reader can open.
 */
public interface Recipe extends Component {
    /**
     * Builds the dataset.
     *
     * @return a one-line summary (what was written, how many items, where the manifest is)
     * @throws DataException when a tool it needs is missing (the message says how to install it) or
     *                       the parameters are unusable
     */
    String build(Path out, Params params, DataContext ctx) throws DataException;
}

package io.xmodal.api.data;

import io.xmodal.api.Component;
import io.xmodal.api.Params;

/** Opens a dataset from files or a recipe. Register the DS component under this interface. */
public interface Reader extends Component {
    /**
     * Opens the dataset. Check everything cheap here (files exist, headers parse) so that a bad
     * path fails before training starts.
     */
    Dataset open(DataContext ctx, Params params) throws DataException;
}

package io.xmodal.api.train;

import io.xmodal.api.Component;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scores predictions against targets over a whole split. Register under this interface. */
public interface Metric extends Component {
    /** True for scores such as R² or accuracy, false for errors such as MSE. */
    boolean higherIsBetter();

    /**
     * The score of {@code predicted} against {@code target}, both [batch, ...] in original units
     * (for LABEL targets: predicted holds class probabilities [batch, classes], target class indices [batch]).
     */
    double compute(INDArray predicted, INDArray target);
}

package io.xmodal.api.model;

import io.xmodal.api.Signature;
import org.nd4j.autodiff.samediff.SDVariable;

/** A graph variable together with its signature (modality and static shape without the batch). */
public record Port(SDVariable variable, Signature signature) {
}

package io.xmodal.api.model;

/** Turns features into the shape of a target modality (series, image, ...). Register under this interface. */
public interface Decoder extends Block {
}

package io.xmodal.api.model;

/** Turns a modality (image, audio, ...) into features. Register the DS component under this interface. */
public interface Encoder extends Block {
}

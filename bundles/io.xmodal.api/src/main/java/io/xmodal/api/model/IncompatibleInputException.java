package io.xmodal.api.model;

/**
 * Thrown by {@link Block#infer} when a block cannot take its input, or its parameters do not fit
 * that input. The message says what was expected and what came, in a user's words.
 */
public class IncompatibleInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public IncompatibleInputException(String message) {
        super(message);
    }
}

package io.xmodal.api.runtime;

import java.util.List;

/** A descriptor (or command-line override) that cannot be used; exit status 2. */
public class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public DescriptorException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid descriptor" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public DescriptorException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}

package io.xmodal.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a component is, for people and for validation: its role, its name (unique within the role),
 * one line of documentation, the modalities and ranks it accepts and produces, and its parameters.
 */
public final class ComponentSpec {
    private final Role role;
    private final String name;
    private final String doc;
    private final Set<Modality> accepts;
    private final Set<Integer> acceptsRank;
    private final Set<Modality> produces;
    private final Map<String, Param> params;

    private ComponentSpec(Builder b) {
        this.role = b.role;
        this.name = b.name;
        this.doc = b.doc;
        this.accepts = Collections.unmodifiableSet(EnumSet.copyOf(b.accepts.isEmpty() ? EnumSet.of(Modality.ANY) : b.accepts));
        this.acceptsRank = Set.copyOf(b.acceptsRank);
        this.produces = Collections.unmodifiableSet(EnumSet.copyOf(b.produces.isEmpty() ? EnumSet.of(Modality.ANY) : b.produces));
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
    }

    public static Builder of(Role role, String name) {
        return new Builder(role, name);
    }

    public Role role() {
        return role;
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    /** Modalities of the input this component takes ({@link Modality#ANY} when unrestricted). */
    public Set<Modality> accepts() {
        return accepts;
    }

    /** Ranks (without the batch dimension) of the input this component takes; empty when any. */
    public Set<Integer> acceptsRank() {
        return acceptsRank;
    }

    public Set<Modality> produces() {
        return produces;
    }

    /** Parameters in declaration order. */
    public List<Param> params() {
        return new ArrayList<>(params.values());
    }

    public Optional<Param> param(String key) {
        return Optional.ofNullable(params.get(key));
    }

    /** True when input of this signature fits {@link #accepts()} and {@link #acceptsRank()}. */
    public boolean admits(Signature input) {
        boolean modalityOk = accepts.stream().anyMatch(m -> m.admits(input.modality()));
        return modalityOk && (acceptsRank.isEmpty() || acceptsRank.contains(input.rank()));
    }

    @Override
    public String toString() {
        return role.id() + " '" + name + "'";
    }

    /** Builds a {@link ComponentSpec}. */
    public static final class Builder {
        private final Role role;
        private final String name;
        private String doc = "";
        private final Set<Modality> accepts = EnumSet.noneOf(Modality.class);
        private final Set<Integer> acceptsRank = new java.util.HashSet<>();
        private final Set<Modality> produces = EnumSet.noneOf(Modality.class);
        private final Map<String, Param> params = new LinkedHashMap<>();

        private Builder(Role role, String name) {
            this.role = Objects.requireNonNull(role, "role");
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder doc(String text) {
            this.doc = text;
            return this;
        }

        public Builder accepts(Modality... modalities) {
            accepts.addAll(List.of(modalities));
            return this;
        }

        public Builder acceptsRank(Integer... ranks) {
            acceptsRank.addAll(List.of(ranks));
            return this;
        }

        public Builder produces(Modality... modalities) {
            produces.addAll(List.of(modalities));
            return this;
        }

        public Builder param(Param p) {
            if (params.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' declared twice in " + role.id() + " '" + name + "'");
            }
            return this;
        }

        public ComponentSpec build() {
            return new ComponentSpec(this);
        }
    }
}

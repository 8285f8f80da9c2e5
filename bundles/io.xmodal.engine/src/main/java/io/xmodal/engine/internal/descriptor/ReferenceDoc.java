package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.runtime.ComponentInfo;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Markdown tables of the descriptor's own keys and of every component's parameters, generated from
 * the same schemas validation uses, so docs/descriptor.md cannot drift from the code.
 */
public final class ReferenceDoc {
    private ReferenceDoc() {
    }

    public static String sections() {
        StringBuilder b = new StringBuilder();
        table(b, "Top level", Sections.TOP_SCALARS);
        table(b, "`train:`", Sections.TRAIN_SCALARS);
        table(b, "`train.early-stop:`", Sections.EARLY_STOP);
        for (Map.Entry<String, List<Param>> e : new java.util.TreeMap<>(Sections.OPTIMIZERS).entrySet()) {
            table(b, "`train.optimizer: {use: " + e.getKey() + "}`", e.getValue());
        }
        table(b, "`scoring:` (objectives that generate samples; `classifier` is described in [generative.md](generative.md#scoring))",
                Sections.SCORING_SCALARS);
        return b.toString();
    }

    public static String components(List<ComponentInfo> infos) {
        StringBuilder b = new StringBuilder();
        for (ComponentInfo info : infos) {
            ComponentSpec s = info.spec();
            b.append("### ").append(s.role().id()).append(" `").append(s.name()).append("`\n\n");
            b.append(s.doc()).append("\n\n");
            b.append("Bundle `").append(info.bundle()).append("`. Accepts ").append(modalities(s.accepts()))
                    .append(s.acceptsRank().isEmpty() ? "" : " (rank " + s.acceptsRank().stream().sorted().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ")")
                    .append("; produces ").append(modalities(s.produces())).append(".\n\n");
            if (s.params().isEmpty()) {
                b.append("No parameters.\n\n");
            } else {
                rows(b, s.params());
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, String title, List<Param> params) {
        b.append("#### ").append(title).append("\n\n");
        rows(b, params);
    }

    private static void rows(StringBuilder b, List<Param> params) {
        b.append("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
        for (Param p : params) {
            String allowed = p.componentRole() != null ? "any " + p.componentRole().id() + ", as `{use: NAME, with: {...}}` or `NAME`"
                    : !p.allowed().isEmpty() ? String.join(", ", p.allowed()) : p.rangeText();
            b.append("| `").append(p.name()).append("` | ").append(p.type().id()).append(" | ")
                    .append(p.required() ? "required" : "`" + p.defaultValue() + "`").append(" | ")
                    .append(allowed.replace("|", "\\|")).append(" | ").append(p.doc().replace("|", "\\|")).append(" |\n");
        }
        b.append('\n');
    }

    private static String modalities(java.util.Set<Modality> m) {
        return m.stream().map(Modality::id).sorted().collect(Collectors.joining(", "));
    }
}

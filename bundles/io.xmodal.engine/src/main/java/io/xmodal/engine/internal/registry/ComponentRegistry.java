package io.xmodal.engine.internal.registry;

import io.xmodal.api.Component;
import io.xmodal.api.Role;
import io.xmodal.api.data.Reader;
import io.xmodal.api.data.Recipe;
import io.xmodal.api.data.Transform;
import io.xmodal.api.model.Decoder;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.Head;
import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.train.Metric;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.RetrievalMetric;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Tracks every component service as bundles come and go (dynamic, greedy references: a component
 * registered later is seen at once; one unregistered disappears at once). Components of one role
 * are keyed by their spec name; when two bundles provide the same name the highest bundle version wins.
 */
@org.osgi.service.component.annotations.Component(service = ComponentRegistry.class, immediate = true)
public class ComponentRegistry implements ComponentLookup {
    private final Map<Long, Registered> byServiceId = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addEncoder(Encoder c, ServiceReference<Encoder> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addDecoder(Decoder c, ServiceReference<Decoder> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addHead(Head c, ServiceReference<Head> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addObjective(Objective c, ServiceReference<Objective> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addReader(Reader c, ServiceReference<Reader> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addMetric(Metric c, ServiceReference<Metric> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addRetrievalMetric(RetrievalMetric c, ServiceReference<RetrievalMetric> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addTransform(Transform c, ServiceReference<Transform> ref) {
        add(c, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "remove")
    void addRecipe(Recipe c, ServiceReference<Recipe> ref) {
        add(c, ref);
    }

    void remove(ServiceReference<?> ref) {
        byServiceId.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    private void add(Component c, ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        String bsn = b == null ? "?" : b.getSymbolicName();
        String version = b == null ? "?" : b.getVersion().toString();
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        byServiceId.put(id, new Registered(c, bsn, version, id));
    }

    /** Adds a component that lives outside the framework (tests, programmatic use). */
    public void register(Component c, String bundle, String version) {
        long id = -1 - byServiceId.size();
        byServiceId.put(id, new Registered(c, bundle, version, id));
    }

    @Override
    public Optional<Component> find(Role role, String name) {
        return entry(role, name).map(Registered::component);
    }

    /** The entry for a role and name: the highest bundle version when several provide it. */
    public Optional<Registered> entry(Role role, String name) {
        return byServiceId.values().stream()
                .filter(r -> r.component().spec().role() == role && r.component().spec().name().equals(name))
                .max(Comparator.comparing((Registered r) -> org.osgi.framework.Version.parseVersion(safe(r.version())))
                        .thenComparing(Registered::serviceId));
    }

    /** Every registration of a name in any role (several versions side by side), highest bundle version first. */
    public List<Registered> entries(String name) {
        return byServiceId.values().stream().filter(r -> r.component().spec().name().equals(name))
                .sorted(Comparator.comparing((Registered r) -> org.osgi.framework.Version.parseVersion(safe(r.version())))
                        .thenComparing(Registered::serviceId).reversed())
                .collect(Collectors.toList());
    }

    /** Every registration now. */
    public List<Registered> registrations() {
        return List.copyOf(byServiceId.values());
    }

    /** The registration of this very component object (to name the bundle that provides it), if any. */
    public Optional<Registered> origin(Object component) {
        return byServiceId.values().stream().filter(r -> r.component() == component).findFirst();
    }

    @Override
    public String version(Role role, String name) {
        return entry(role, name).map(Registered::version).orElse("?");
    }

    @Override
    public List<String> names(Role role) {
        return byServiceId.values().stream().map(r -> r.component().spec())
                .filter(s -> s.role() == role).map(s -> s.name()).distinct().sorted().collect(Collectors.toList());
    }

    /** Everything registered now, sorted by role then name. */
    public List<ComponentInfo> all() {
        List<ComponentInfo> out = new ArrayList<>();
        for (Registered r : byServiceId.values()) {
            out.add(r.info());
        }
        out.sort(Comparator.comparing((ComponentInfo i) -> i.spec().role()).thenComparing(i -> i.spec().name())
                .thenComparing(ComponentInfo::version));
        return out;
    }

    private static String safe(String v) {
        try {
            org.osgi.framework.Version.parseVersion(v);
            return v;
        } catch (IllegalArgumentException e) {
            return "0.0.0";
        }
    }
}

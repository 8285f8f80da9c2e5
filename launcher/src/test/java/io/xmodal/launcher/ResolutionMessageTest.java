package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResolutionMessageTest {
    @Test
    void aMissingPackageWithItsRange() {
        String felix = "Unable to resolve io.xmodal.vision [12](R 12.0): missing requirement [io.xmodal.vision [12](R 12.0)] "
                + "osgi.wiring.package; (&(osgi.wiring.package=org.foo.bar)(version>=1.2.0)(!(version>=2.0.0))) "
                + "Unresolved requirements: [[io.xmodal.vision [12](R 12.0)] osgi.wiring.package; "
                + "(&(osgi.wiring.package=org.foo.bar)(version>=1.2.0)(!(version>=2.0.0)))]";
        assertEquals("missing package org.foo.bar [1.2.0,2.0.0)", ResolutionMessage.explain(felix));
    }

    @Test
    void aMissingPackageWithoutVersion() {
        String felix = "Unable to resolve x [3](R 3.0): missing requirement [x [3](R 3.0)] osgi.wiring.package; "
                + "(osgi.wiring.package=does.not.exist) Unresolved requirements: [[x [3](R 3.0)] osgi.wiring.package; "
                + "(osgi.wiring.package=does.not.exist)]";
        assertEquals("missing package does.not.exist", ResolutionMessage.explain(felix));
    }

    @Test
    void theRootCauseInAnotherBundle() {
        String felix = "Unable to resolve a [5](R 5.0): missing requirement [a [5](R 5.0)] osgi.wiring.package; "
                + "(&(osgi.wiring.package=b.api)(version>=0.1.0)) [caused by: Unable to resolve b [6](R 6.0): missing "
                + "requirement [b [6](R 6.0)] osgi.wiring.package; (osgi.wiring.package=org.gone)] Unresolved requirements: "
                + "[[a [5](R 5.0)] osgi.wiring.package; (&(osgi.wiring.package=b.api)(version>=0.1.0))]";
        assertEquals("missing package org.gone (needed by b, which does not resolve)", ResolutionMessage.explain(felix));
    }

    @Test
    void aMissingExtenderHintsAtScr() {
        String felix = "Unable to resolve e [2](R 2.0): missing requirement [e [2](R 2.0)] osgi.extender; "
                + "(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0))) Unresolved requirements: []";
        assertEquals("missing extender osgi.component [1.3.0,2.0.0) (is org.apache.felix.scr installed?)",
                ResolutionMessage.explain(felix));
    }

    @Test
    void otherMessagesKeepTheirFirstLine() {
        assertEquals("Activator start error in bundle x [4].", ResolutionMessage.explain("Activator start error in bundle x [4].\nmore"));
        assertEquals("missing requirement osgi.ee; (&(osgi.ee=JavaSE)(version=21))", ResolutionMessage.explain(
                "Unable to resolve z [1](R 1.0): missing requirement [z [1](R 1.0)] osgi.ee; (&(osgi.ee=JavaSE)(version=21))"));
    }
}

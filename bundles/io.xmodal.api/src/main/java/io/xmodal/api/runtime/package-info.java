/**
 * The engine's facade, used by the launcher's command line (and by any program that drives
 * xmodal): validate and run descriptors and studies, write reports, re-evaluate runs, list components.
 */
@Version("0.3.0")
@Export
package io.xmodal.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

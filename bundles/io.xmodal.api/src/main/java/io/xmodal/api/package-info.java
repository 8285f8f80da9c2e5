/**
 * Component metadata shared by every xmodal component: roles, modalities, signatures and typed
 * parameter schemas. A component bundle needs this package and the standard OSGi annotations only.
 */
@Version("0.3.0")
@Export
package io.xmodal.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

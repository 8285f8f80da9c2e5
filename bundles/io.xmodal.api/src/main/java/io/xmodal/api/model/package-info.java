/**
 * The SameDiff block contract. A block (encoder, decoder, head) receives the graph, its input
 * variable with a static shape, a name scope and its typed parameters, and returns its output
 * variable and shape. {@link io.xmodal.api.model.Block#infer} computes that shape without building
 * anything, so descriptors are validated before any graph exists.
 */
@Version("0.1.0")
@Export
package io.xmodal.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

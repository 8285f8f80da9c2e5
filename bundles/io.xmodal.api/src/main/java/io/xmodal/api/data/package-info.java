/**
 * The reader contract: a reader opens a dataset of samples, each a set of named modalities with a
 * static signature; sizes are known up front or the data is streamed; splits are seeded and
 * deterministic ({@link io.xmodal.api.data.Splits}).
 */
@Version("0.4.0")
@Export
package io.xmodal.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

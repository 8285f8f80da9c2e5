/**
 * Training and evaluation contracts: objectives own the training step (which losses, which
 * parameter groups, in which schedule); metrics score predictions in the targets' original units;
 * retrieval metrics score rankings between the embeddings of two modalities.
 */
@Version("0.3.0")
@Export
package io.xmodal.api.train;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * File formats shared with other data bundles: strict IDX reading ({@link io.xmodal.data.io.IdxFile}, the
 * MNIST format), image decoding to grey or RGB planes ({@link io.xmodal.data.io.ImageLoader}) and
 * anti-aliased plane resizing ({@link io.xmodal.data.io.Resampler}). Used by this bundle's readers and
 * by {@code io.xmodal.video} (moving digits drawn from IDX files, frame folders).
 */
@Version("0.1.0")
@Export
package io.xmodal.data.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Test support for component authors: build and check one block, or open one reader, outside the engine. */
@Version("0.2.0")
@Export
package io.xmodal.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

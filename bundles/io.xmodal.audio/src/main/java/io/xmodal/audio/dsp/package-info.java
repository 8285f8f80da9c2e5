/**
 * Signal processing for audio, in plain Java over float and double arrays: WAV reading and writing,
 * band-limited resampling, the short-time Fourier transform and its inverse, mel filterbanks, the
 * orthonormal DCT-II, deltas, log and decibel compression and Griffin-Lim phase reconstruction.
 * Definitions and defaults follow torchaudio; {@code docs/audio.md} states each one. The FFT is
 * TarsosDSP's, embedded in this bundle (nothing is imported from it).
 */
@Version("0.1.0")
@Export
package io.xmodal.audio.dsp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

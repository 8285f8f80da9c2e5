package io.xmodal.audio.dsp;

/** How a centred STFT pads the signal by n-fft/2 samples on each side. */
public enum PadMode {
    /** Mirror without repeating the edge sample: x[-i] = x[i], x[N-1+i] = x[N-1-i] (torch "reflect"). */
    REFLECT,
    /** Zeros. */
    CONSTANT
}

#!/usr/bin/env python3
"""Compares the arrays that io.xmodal.audio.dsp.TorchaudioDump wrote into FOLDER with torchaudio's
results for the same inputs and parameters; prints max |difference| / max |torchaudio| for each.

    python3 torchaudio_compare.py FOLDER

Needs torch and torchaudio (Debian: apt-get install python3-torchaudio).
"""
import os
import sys

import numpy as np
import torch
import torchaudio.functional as F
import torchaudio.transforms as T

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "..", "launcher", "src", "main",
                                "dist", "bench"))
from torchaudio_logmel import test_signal  # noqa: E402  the same synthetic signal as LogMelThroughput.testSignal


def load(folder, name):
    path = os.path.join(folder, name + ".bin")
    rows, cols = np.fromfile(path, dtype="<i4", count=2)
    return np.fromfile(path, dtype="<f4", offset=8).reshape(rows, cols).astype(np.float64)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    folder = sys.argv[1]
    torch.set_num_threads(1)
    x = test_signal(2)
    mfcc = T.MFCC(16000, n_mfcc=40, melkwargs=dict(n_fft=400, hop_length=160, n_mels=64))(x)
    kaiser_best = dict(lowpass_filter_width=64, rolloff=0.9475937167399596, beta=14.769656459379492)
    try:
        F.resample(x[:10], 16000, 8000, resampling_method="sinc_interp_kaiser")
        kaiser_best["resampling_method"] = "sinc_interp_kaiser"
    except ValueError:
        kaiser_best["resampling_method"] = "kaiser_window"  # torchaudio < 2.1
    references = {
        "spec400": T.Spectrogram(n_fft=400)(x).T,
        "spec512h": T.Spectrogram(n_fft=512, win_length=300, hop_length=128, window_fn=torch.hamming_window,
                                  power=1, pad_mode="constant")(x).T,
        "mel3": T.MelSpectrogram(16000, n_fft=1024, hop_length=256, f_min=20, f_max=7600, n_mels=80,
                                 norm="slaney", mel_scale="slaney")(x).T,
        "mfcc": mfcc.T,
        "deltas": F.compute_deltas(mfcc).T,
        "rs11025": F.resample(x, 16000, 11025, **kaiser_best)[None],
        "rs44100": F.resample(x, 16000, 44100, **kaiser_best)[None],
    }
    worst = 0.0
    for name, ref in references.items():
        ref = ref.double().numpy()
        ours = load(folder, name)
        if ours.shape != ref.shape:
            raise SystemExit("%s: shape %s here, %s in torchaudio" % (name, ours.shape, ref.shape))
        err = np.abs(ours - ref).max() / np.abs(ref).max()
        worst = max(worst, err)
        print("%-9s %-12s max|diff| / max|torchaudio| = %.2e" % (name, "x".join(map(str, ours.shape)), err))
    print("worst %.2e" % worst)


if __name__ == "__main__":
    main()

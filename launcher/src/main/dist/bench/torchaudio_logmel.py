#!/usr/bin/env python3
"""Log-mel extraction speed in torchaudio, on one thread, for comparison with xmodal's
io.xmodal.audio.dsp.LogMelThroughput (the same computation and the same synthetic audio).

16 kHz audio, n_fft 512 (Hann, win_length 512), hop 160, centred with reflect padding, power 2,
64 HTK mels from 0 to 8 kHz, no filter normalisation, then ln(max(mel, 1e-10)).

    python3 torchaudio_logmel.py [--seconds S] [--warmup W] [--rounds R] [--compare DUMP]

prints one JSON object: the real-time factor (seconds of audio per second of computation, the median
over R timed rounds after W untimed ones); with --compare DUMP (written by LogMelThroughput --dump)
also the largest differences between xmodal's log-mel and torchaudio's on the same signal.
Needs torch and torchaudio (Debian: apt-get install python3-torchaudio).
"""
import argparse
import json
import math
import statistics
import time

import numpy as np
import torch
import torchaudio

SAMPLE_RATE = 16000
N_FFT = 512
HOP_LENGTH = 160
N_MELS = 64
LOG_FLOOR = 1e-10


def test_signal(seconds, sample_rate=SAMPLE_RATE):
    """LogMelThroughput.testSignal: two sines, a linear chirp and LCG noise, in float64 then float32."""
    n = seconds * sample_rate
    t = np.arange(n, dtype=np.float64) / sample_rate
    duration = n / sample_rate
    f0, f1 = 100.0, sample_rate / 2.0
    s = 42
    u = np.empty(n, dtype=np.float64)
    for i in range(n):
        s = (1103515245 * s + 12345) & 0x7FFFFFFF
        u[i] = s / 2147483648.0
    chirp_phase = 2 * math.pi * (f0 * t + (f1 - f0) * t * t / (2 * duration))
    x = (0.5 * np.sin(2 * math.pi * 440 * t) + 0.25 * np.sin(2 * math.pi * 1234.5 * t)
         + 0.1 * np.sin(chirp_phase) + 0.05 * (u - 0.5))
    return torch.from_numpy(x.astype(np.float32))


def extractor():
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=SAMPLE_RATE, n_fft=N_FFT, win_length=N_FFT, hop_length=HOP_LENGTH, f_min=0.0,
        f_max=SAMPLE_RATE / 2, n_mels=N_MELS, window_fn=torch.hann_window, power=2.0, normalized=False,
        center=True, pad_mode="reflect", norm=None, mel_scale="htk")

    def log_mel(x):
        return torch.log(torch.clamp(mel(x), min=LOG_FLOOR))

    return log_mel


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--compare", metavar="DUMP", help="log-mel written by LogMelThroughput --dump")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    log_mel = extractor()
    x = test_signal(a.seconds)
    result = {"implementation": "torchaudio %s, torch %s" % (torchaudio.__version__, torch.__version__),
              "threads": torch.get_num_threads(), "seconds": a.seconds, "rounds": a.rounds}
    with torch.inference_mode():
        if a.compare:
            with open(a.compare) as f:
                frames, mels = (int(v) for v in f.readline().split())
                java = np.loadtxt(f, dtype=np.float64, ndmin=2)
            ours = log_mel(x).T.double().numpy()  # (frames, mels)
            if java.shape != (frames, mels) or ours.shape != java.shape:
                raise SystemExit("shape mismatch: dump %s (header %d x %d), torchaudio %s; run both with the same --seconds"
                                 % (java.shape, frames, mels, ours.shape))
            mel_t, mel_j = np.exp(ours), np.exp(java)
            significant = mel_t > 1e-6 * mel_t.max()
            rel = np.abs(mel_j - mel_t)[significant] / mel_t[significant]
            result["compare"] = {
                "frames": frames, "mels": mels,
                "max_abs_log_mel_diff": float(np.abs(java - ours).max()),
                "max_rel_mel_diff": float(rel.max()),
                "median_rel_mel_diff": float(np.median(rel)),
                "mel_values_compared": int(significant.sum()),
            }
        for _ in range(a.warmup):
            log_mel(x)
        times = []
        for _ in range(a.rounds):
            t0 = time.perf_counter()
            log_mel(x)
            times.append(time.perf_counter() - t0)
    result["realtime_factor"] = round(a.seconds / statistics.median(times), 1)
    result["best_round_realtime_factor"] = round(a.seconds / min(times), 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

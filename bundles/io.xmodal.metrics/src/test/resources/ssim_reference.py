# The reference values FrameMetricsTest.ssimMatchesTheReferenceAlgorithm pins: Wang et al. (2004) SSIM with an
# 11x11 Gaussian window (sigma 1.5), valid filtering, C1 = 0.01^2, C2 = 0.03^2, data range 1. Run: python3 ssim_reference.py
import numpy as np
from scipy.signal import correlate2d
def gauss(n, sigma):
    d = np.arange(n) - (n - 1) / 2.0
    g = np.exp(-d * d / (2 * sigma * sigma)); return g / g.sum()
def ssim(x, y, win=11, sigma=1.5):
    g = gauss(win, sigma); k = np.outer(g, g)
    f = lambda a: correlate2d(a, k, mode='valid')
    mx, my = f(x), f(y)
    vx = f(x * x) - mx * mx; vy = f(y * y) - my * my; cov = f(x * y) - mx * my
    C1, C2 = 0.01 ** 2, 0.03 ** 2
    return ((2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2))).mean()
# the test's pattern: x[r, c] = ((r * 7 + c * 3) % 16) / 15, y = 0.8 x + 0.1 + noise-free ripple
H, W = 16, 20
r, c = np.mgrid[0:H, 0:W]
x = ((r * 7 + c * 3) % 16) / 15.0
y = 0.8 * x + 0.1 + 0.05 * np.sin(r * 0.9 + c * 0.4)
print(repr(ssim(x, y)), repr(ssim(y, x)))
z = np.clip(x[::-1, :], 0, 1)
print(repr(ssim(x, z)))

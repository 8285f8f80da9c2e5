package io.xmodal.audio.dsp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes this library's spectrograms, mel spectrogram, MFCCs, deltas and resamplings of 2 s of
 * {@link LogMelThroughput#testSignal} into a folder (one file each: little-endian int rows, int columns,
 * then float32 values), for {@code src/test/resources/torchaudio_compare.py FOLDER} to compare with
 * torchaudio. Not a unit test (torchaudio is not a build dependency): run by hand, see docs/audio.md.
 */
public final class TorchaudioDump {

    private TorchaudioDump() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TorchaudioDump FOLDER");
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        float[] x = LogMelThroughput.testSignal(2, 16000);
        // torchaudio.transforms.Spectrogram(n_fft=400): every default
        write(dir, "spec400", Stft.of(400).power(x));
        // Spectrogram(n_fft=512, win_length=300, hop_length=128, window_fn=hamming_window, power=1, pad_mode="constant")
        write(dir, "spec512h", new Stft(512, 300, 128, Window.HAMMING, true, PadMode.CONSTANT).magnitude(x));
        // MelSpectrogram(n_fft=1024, hop_length=256, f_min=20, f_max=7600, n_mels=80, norm="slaney", mel_scale="slaney")
        MelFilterbank slaney = new MelFilterbank(80, 1024, 16000, 20, 7600, MelFilterbank.Scale.SLANEY, MelFilterbank.Norm.SLANEY);
        write(dir, "mel3", slaney.apply(Stft.of(1024, 256).power(x)));
        // MFCC(n_mfcc=40, melkwargs={n_fft: 400, hop_length: 160, n_mels: 64}): AmplitudeToDB(top_db=80), DCT-II ortho
        float[][] mel = MelFilterbank.of(64, 400, 16000).apply(Stft.of(400, 160).power(x));
        float[][] mfcc = Dct.dct2Ortho(LogCompression.amplitudeToDb(mel, 10, 1e-10, 1.0, 80.0), 40);
        write(dir, "mfcc", mfcc);
        write(dir, "deltas", Deltas.deltas(mfcc, 5));
        // functional.resample with the kaiser_best filter
        write(dir, "rs11025", new float[][] {Resample.resample(x, 16000, 11025)});
        write(dir, "rs44100", new float[][] {Resample.resample(x, 16000, 44100)});
    }

    private static void write(Path dir, String name, float[][] y) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * y.length * y[0].length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(y.length).putInt(y[0].length);
        for (float[] row : y) {
            for (float v : row) {
                b.putFloat(v);
            }
        }
        Files.write(dir.resolve(name + ".bin"), b.array());
    }
}

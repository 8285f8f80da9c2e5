package io.xmodal.audio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioReadersTest {
    @TempDir
    Path dir;

    final List<String> progress = new ArrayList<>();

    DataContext ctx() {
        return new DataContext() {
            @Override
            public long seed() {
                return 1;
            }

            @Override
            public Path cacheDir() {
                return dir.resolve("cache");
            }

            @Override
            public Consumer<String> progress() {
                return progress::add;
            }
        };
    }

    /** A sine of {@code seconds} at {@code rate}. */
    Path tone(String name, double hz, int rate, double seconds) throws Exception {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Wav.write(p, new Audio(x, rate));
        return p;
    }

    Dataset manifest(String csv, Map<String, Object> with) throws Exception {
        Files.writeString(dir.resolve("m.csv"), csv);
        Map<String, Object> p = new HashMap<>(with);
        p.put("manifest", dir.resolve("m.csv").toString());
        AudioManifestReader r = new AudioManifestReader();
        return r.open(ctx(), new Params(Params.defaults(r.spec(), p).asMap(), dir));
    }

    @Test
    void manifestGivesFixedLengthAudioAtTheRateWithLabelsGroupsAndSplits() throws Exception {
        tone("a/1.wav", 440, 22050, 0.5);   // resampled, padded
        tone("b/2.wav", 880, 8000, 2.0);    // resampled, cropped
        tone("a/3.wav", 300, 8000, 1.0);    // exact length
        Dataset ds = manifest("""
                path,label,group,split,comment
                a/1.wav,yes,alice,train,"first, with a comma"
                b/2.wav,no,bob,test,x
                a/3.wav,yes,alice,train,y
                """, Map.of("sample-rate", 8000, "duration", 1.0));
        assertEquals(Signature.of(Modality.AUDIO, 8000).withRate(8000), ds.modalities().get("audio"));
        assertEquals(Signature.of(Modality.LABEL, 2), ds.modalities().get("label"));
        assertEquals(List.of("no", "yes"), ds.classes("label"));
        assertEquals(3, ds.size());
        float[] first = ds.get(0).get("audio");
        assertEquals(8000, first.length);
        assertEquals(0f, first[7000], "padded with zeros after 0.5 s");
        assertTrue(Math.abs(first[1000]) > 0 || Math.abs(first[1001]) > 0);
        assertArrayEquals(new float[] {1}, ds.get(0).get("label"));
        assertArrayEquals(new float[] {0}, ds.get(1).get("label"));
        assertEquals("alice", ds.group(2));
        assertEquals("test", ds.split(1));
        assertEquals(8000, ds.get(1).get("audio").length);
        assertTrue(ds.get(0).source().endsWith("1.wav"));
    }

    @Test
    void classesCanBeOrderedAndCropCanKeepTheMiddle() throws Exception {
        tone("x.wav", 100, 8000, 1.0);
        Dataset ds = manifest("path,label\nx.wav,b\nx.wav,a\n", Map.of("sample-rate", 8000, "duration", 0.5, "crop", "center",
                "classes", List.of("b", "a", "c")));
        assertEquals(List.of("b", "a", "c"), ds.classes("label"));
        assertArrayEquals(new float[] {0}, ds.get(0).get("label"));
        float[] mid = ds.get(0).get("audio");
        float[] full = Wav.read(dir.resolve("x.wav")).samples();
        assertEquals(full[2000], mid[0], 1e-6);
        assertEquals(Signature.of(Modality.LABEL, 3), ds.modalities().get("label"));
    }

    @Test
    void badManifestsNameTheFileTheLineAndTheFix() throws Exception {
        tone("x.wav", 100, 8000, 0.2);
        assertTrue(assertThrows(DataException.class, () -> manifest("file,label\nx.wav,a\n", Map.of()))
                .getMessage().contains("line 1: the header [file, label] must name the columns path and label"));
        assertTrue(assertThrows(DataException.class, () -> manifest("path,label\nx.wav,a\nmissing.wav,b\n", Map.of()))
                .getMessage().contains("line 3: no such file"));
        assertTrue(assertThrows(DataException.class, () -> manifest("path,label,split\nx.wav,a,training\n", Map.of()))
                .getMessage().contains("line 2: split 'training' is not one of train, val, test"));
        assertTrue(assertThrows(DataException.class, () -> manifest("path,label\nx.wav,a,extra\n", Map.of()))
                .getMessage().contains("line 2: 3 columns, the header has 2"));
        assertTrue(assertThrows(DataException.class, () -> manifest("path,label\nx.wav,a\nx.wav,a\n", Map.of()))
                .getMessage().contains("only the class [a]"));
        assertTrue(assertThrows(DataException.class, () -> manifest("path,label\n\"x.wav,a\n", Map.of()))
                .getMessage().contains("line 2: a quoted value is not closed"));
        assertTrue(assertThrows(DataException.class, () -> manifest("path,label\nx.wav,a\nx.wav,z\n", Map.of("classes", List.of("a", "b"))))
                .getMessage().contains("label 'z' is not in classes [a, b]"));
        AudioManifestReader r = new AudioManifestReader();
        DataException e = assertThrows(DataException.class, () -> r.open(ctx(),
                new Params(Params.defaults(r.spec(), Map.of("manifest", "nope.csv")).asMap(), dir)));
        assertTrue(e.getMessage().contains("nope.csv: no such manifest file; build one with `xmodal data build"), e.getMessage());
    }

    @Test
    void aCorruptFileFailsWithItsNameOrIsSkippedAndCounted() throws Exception {
        tone("good1.wav", 100, 8000, 0.2);
        tone("good2.wav", 200, 8000, 0.2);
        Files.writeString(dir.resolve("bad.wav"), "this is not a wav file at all, just text");
        String csv = "path,label\ngood1.wav,a\nbad.wav,a\ngood2.wav,b\n";
        Dataset strict = manifest(csv, Map.of("sample-rate", 8000, "duration", 0.2));
        DataException e = assertThrows(DataException.class, () -> strict.get(1));
        assertTrue(e.getMessage().contains("bad.wav") && e.getMessage().contains("skip-bad: true"), e.getMessage());

        Dataset lenient = manifest(csv, Map.of("sample-rate", 8000, "duration", 0.2, "skip-bad", true));
        assertEquals(2, lenient.size());
        assertTrue(progress.stream().anyMatch(l -> l.contains("skipped 1 bad file of 3") && l.contains("bad.wav")), progress.toString());
    }

    @Test
    void theFingerprintChangesWhenAFileOrTheConfigurationChanges() throws Exception {
        Path a = tone("a.wav", 100, 8000, 0.2);
        tone("b.wav", 200, 8000, 0.2);
        String csv = "path,label\na.wav,x\nb.wav,y\n";
        String fp = manifest(csv, Map.of("sample-rate", 8000)).fingerprint();
        assertEquals(fp, manifest(csv, Map.of("sample-rate", 8000)).fingerprint());
        assertNotEquals(fp, manifest(csv, Map.of("sample-rate", 16000)).fingerprint());
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
        assertNotEquals(fp, manifest(csv, Map.of("sample-rate", 8000)).fingerprint());
    }

    @Test
    void folderReaderTakesClassesFromSubfoldersAndGroupsFromNames() throws Exception {
        tone("root/dog/alice_1.wav", 300, 8000, 0.2);
        tone("root/dog/deeper/bob_2.wav", 300, 8000, 0.2);
        tone("root/cat/alice_3.wav", 600, 8000, 0.2);
        Files.writeString(dir.resolve("root/cat/notes.txt"), "ignored");
        AudioFolderReader r = new AudioFolderReader();
        Dataset ds = r.open(ctx(), new Params(Params.defaults(r.spec(), Map.of("root", "root", "group-pattern", "^([a-z]+)_",
                "sample-rate", 8000, "duration", 0.2)).asMap(), dir));
        assertEquals(3, ds.size());
        assertEquals(List.of("cat", "dog"), ds.classes("label"));
        assertEquals("alice", ds.group(0));
        assertArrayEquals(new float[] {0}, ds.get(0).get("label"));
        assertEquals("bob", ds.group(2));
        assertNull(ds.split(0));
        DataException e = assertThrows(DataException.class, () -> r.open(ctx(), new Params(Params.defaults(r.spec(),
                Map.of("root", "root", "group-pattern", "^([0-9]+)-")).asMap(), dir)));
        assertTrue(e.getMessage().contains("group-pattern '^([0-9]+)-' does not match this file name"), e.getMessage());
        e = assertThrows(DataException.class, () -> r.open(ctx(), new Params(Params.defaults(r.spec(),
                Map.of("root", "root", "group-pattern", "^[a-z]+_")).asMap(), dir)));
        assertTrue(e.getMessage().contains("needs a capture group"), e.getMessage());
        e = assertThrows(DataException.class, () -> r.open(ctx(), new Params(Params.defaults(r.spec(),
                Map.of("root", "nowhere")).asMap(), dir)));
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
    }
}

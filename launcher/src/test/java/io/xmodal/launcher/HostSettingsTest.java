package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HostSettingsTest {
    private static final long M = Size.MIB;

    @Test
    void defaultsFollowTheMachineSize() {
        // 2 GiB, 2 cores: heap 512m, off-heap 1g, physical capped at 90% of memory
        assertEquals(new HostSettings(512 * M, 1024 * M, 1843 * M, 2), HostSettings.defaults(new MachineLimits(2048 * M, 2)));
        // 1 GiB: the floors (256m heap, 512m off-heap) hold
        assertEquals(new HostSettings(256 * M, 512 * M, 921 * M, 1), HostSettings.defaults(new MachineLimits(1024 * M, 1)));
        // 8 GiB: heap 2g, off-heap 4g, physical 7g
        assertEquals(new HostSettings(2048 * M, 4096 * M, 7168 * M, 4), HostSettings.defaults(new MachineLimits(8192 * M, 4)));
        // 64 GiB: heap capped at 4g, off-heap 32g, physical 37g
        assertEquals(new HostSettings(4096 * M, 32768 * M, 37888 * M, 16), HostSettings.defaults(new MachineLimits(65536 * M, 16)));
    }

    @Test
    void givenPropertiesAndEnvironmentAreKept() {
        MachineLimits machine = new MachineLimits(8192 * M, 4);
        Properties props = new Properties();
        props.setProperty(HostSettings.MAX_BYTES, "3g");
        props.setProperty(HostSettings.MAX_PHYSICAL_BYTES, "6442450944");
        HostSettings s = HostSettings.resolve(machine, 1024 * M, null, null, props, Map.of("OMP_NUM_THREADS", "1"));
        assertEquals(new HostSettings(1024 * M, 3072 * M, 6144 * M, 1), s);
        s.apply(props, false);
        assertEquals("3g", props.getProperty(HostSettings.MAX_BYTES), "an explicit value is left as written");
    }

    @Test
    void missingPropertiesAreFilledFromTheMachine() {
        Properties props = new Properties();
        HostSettings s = HostSettings.resolve(new MachineLimits(8192 * M, 4), 2048 * M, null, null, props, Map.of("OMP_NUM_THREADS", "x"));
        assertEquals(new HostSettings(2048 * M, 4096 * M, 7168 * M, 4), s);
        s.apply(props, false);
        assertEquals(Long.toString(4096 * M), props.getProperty(HostSettings.MAX_BYTES));
        assertEquals(Long.toString(7168 * M), props.getProperty(HostSettings.MAX_PHYSICAL_BYTES));
    }

    @Test
    void commandLineOptionsWin() {
        Properties props = new Properties();
        props.setProperty(HostSettings.MAX_BYTES, "3g");
        HostSettings s = HostSettings.resolve(new MachineLimits(8192 * M, 4), 1024 * M, 6 * Size.GIB, 3, props, Map.of("OMP_NUM_THREADS", "1"));
        assertEquals(new HostSettings(1024 * M, 6144 * M, (6144 + 1024 + 1024) * M, 3), s);
        s.apply(props, true);
        assertEquals(Long.toString(6144 * M), props.getProperty(HostSettings.MAX_BYTES));
    }

    @Test
    void sizesParseAndFormat() {
        assertEquals(4 * Size.GIB, Size.parse("4g"));
        assertEquals(4 * Size.GIB, Size.parse("4GiB"));
        assertEquals(512 * M, Size.parse("512m"));
        assertEquals(1536 * M, Size.parse("1.5G"));
        assertEquals(1000, Size.parse("1000"));
        assertEquals(2048, Size.parse("2k"));
        assertThrows(IllegalArgumentException.class, () -> Size.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Size.parse("-1g"));
        assertThrows(IllegalArgumentException.class, () -> Size.parse("lots"));
        assertEquals("4 GiB", Size.format(4 * Size.GIB));
        assertEquals("1.5 GiB", Size.format(1536 * M));
        assertEquals("512 MiB", Size.format(512 * M));
    }
}

package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of a study's child process and each child's share of the machine. */
class ChildProcessesTest {
    @Test
    void childRunsTheVariantWithItsOwnLimits() {
        ChildProcesses.Memory m = new ChildProcesses.Memory(512 * Size.MIB, Size.GIB, 2 * Size.GIB);
        try (ChildProcesses c = new ChildProcesses(m, false)) {
            List<String> cmd = c.command(Path.of("s.yaml"), "model.decoder.use=gru, seed=1", List.of("train.epochs=2"),
                    Path.of("out/runs/01"), 3);
            assertTrue(cmd.get(0).endsWith("/bin/java"), cmd.toString());
            assertEquals(1, cmd.stream().filter(a -> a.startsWith("-Xmx")).count(), "one heap limit: " + cmd);
            assertTrue(cmd.contains("-Xmx512m"), cmd.toString());
            assertTrue(cmd.contains("-D" + HostSettings.MAX_BYTES + "=" + Size.GIB), cmd.toString());
            assertTrue(cmd.contains("-D" + ChildProcesses.PARENT_PID + "=" + ProcessHandle.current().pid()), cmd.toString());
            assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel")), "children train with the full JIT");
            int main = cmd.indexOf(Main.class.getName());
            assertEquals(List.of("--threads", "3", "run", Path.of("s.yaml").toAbsolutePath().toString(), "--variant",
                    "model.decoder.use=gru, seed=1", "--out", Path.of("out/runs/01").toAbsolutePath().toString(), "--set", "train.epochs=2"),
                    cmd.subList(main + 1, cmd.size()));
        }
    }

    @Test
    void memoryIsSharedAmongJobs() {
        MachineLimits machine = new MachineLimits(16 * Size.GIB, 8);
        ChildProcesses.Memory one = ChildProcesses.memoryPerRun(machine, 1);
        ChildProcesses.Memory four = ChildProcesses.memoryPerRun(machine, 4);
        assertEquals(4096 * Size.MIB, one.heap());
        assertEquals(8 * Size.GIB, one.offheap());
        assertEquals(1024 * Size.MIB, four.heap());
        assertEquals(2 * Size.GIB, four.offheap());
        assertTrue(4 * four.physical() <= machine.memoryBytes(), "four children fit the machine: " + four);
    }
}

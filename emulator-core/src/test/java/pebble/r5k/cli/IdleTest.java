package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.Machine;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.board.P5064Board;
import pebble.r5k.cpu.HaltReason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A guest idling in WAIT: for live input (the host's stdin) the host blocks instead of spinning, the idle
 * time follows real time and uses no host CPU; with a file it is skipped deterministically; a WAIT nothing can
 * end is reported as a deadlock instead of spinning to the cycle limit.
 */
class IdleTest {
    @TempDir
    Path dir;

    private Machine machine(String program, java.io.InputStream consoleIn) throws Exception {
        Path src = CliRun.resourceFile(dir, "run", program);
        pebble.r5k.image.GuestImage g = pebble.r5k.image.GuestImage.fromFile(src, Files.readAllBytes(src), AsmOptions.defaults());
        Machine m = Machine.create(true, Machine.DEFAULT_RAM_BYTES, new ByteArrayOutputStream(), consoleIn);
        g.loadInto(m);
        return m;
    }

    /**
     * The key arrives 300 ms after the guest went to sleep. Before idle blocking, the machine spun through
     * receive polls at host speed and burned the default budget (2·10^10 cycles) in about a second of CPU.
     */
    @Test
    void idleGuestBlocksOnLiveInputWithoutBurningCyclesOrCpu() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        BackgroundInput live = new BackgroundInput(new PipedInputStream(keyboard));
        Machine m = machine("wait-for-key.s", live);
        Thread typist = new Thread(() -> {
            try {
                Thread.sleep(300);
                keyboard.write('A');
                keyboard.flush();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
        typist.start();
        Machine.RunResult r = m.run(RunOptions.DEFAULT_MAX_CYCLES);
        long cpuNs = threads.getCurrentThreadCpuTime() - cpu0, wallNs = System.nanoTime() - wall0;
        typist.join();
        assertEquals(HaltReason.GUEST_EXIT, r.reason(), r.detail());
        assertEquals('A', r.exitStatus());
        // The emulated clock followed real time while blocked: cycles ≈ wall time × 166.56 MHz.
        double hz = P5064Board.DEFAULT_CPU_HZ;
        assertTrue(r.cycles() >= 0.25 * hz && r.cycles() <= (wallNs / 1e9 + 0.05) * hz,
                "cycles " + r.cycles() + " for " + wallNs / 1e6 + " ms of wall time");
        assertTrue(cpuNs < 0.5 * wallNs, "idle spent " + cpuNs / 1e6 + " ms of CPU in " + wallNs / 1e6 + " ms");
    }

    /**
     * Waiting for live input that does not come, with the timer due 100 ms of emulated time later: the host
     * sleeps until the timer's real time (not forever, not spinning), and the timer interrupt is taken at
     * exactly the cycle it is taken without any input.
     */
    @Test
    void idleForLiveInputWakesForTheTimerInRealTime() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream(); // stays open and silent
        Machine live = machine("wait-key-or-timer.s", new BackgroundInput(new PipedInputStream(keyboard)));
        long wall0 = System.nanoTime();
        Machine.RunResult r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> live.run(RunOptions.DEFAULT_MAX_CYCLES));
        long wallNs = System.nanoTime() - wall0;
        assertEquals(HaltReason.GUEST_EXIT, r.reason(), r.detail());
        assertEquals(7, r.exitStatus(), "the timer, not a key");
        assertTrue(wallNs >= 80_000_000L, "slept only " + wallNs / 1e6 + " ms for 100 ms of idle emulated time");
        Machine.RunResult alone = machine("wait-key-or-timer.s", null).run(RunOptions.DEFAULT_MAX_CYCLES);
        assertEquals(7, alone.exitStatus());
        assertEquals(alone.cycles(), r.cycles(), "the timer is taken at its own cycle, input or not");
        keyboard.close();
    }

    /** The end of live input while the guest waits for it: nothing can wake the guest any more. */
    @Test
    void endOfLiveInputWhileWaitingIsADeadlock() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        BackgroundInput live = new BackgroundInput(new PipedInputStream(keyboard));
        keyboard.close();
        Machine m = machine("wait-for-key.s", live);
        Machine.RunResult r = m.run(RunOptions.DEFAULT_MAX_CYCLES);
        assertEquals(HaltReason.DEADLOCK, r.reason(), r.detail());
        assertTrue(r.detail().contains("no interrupt source that can fire"), r.detail());
    }

    /** Interrupts enabled and unmasked, but no device can raise one: reported, not spun to the limit. */
    @Test
    void waitWithNoSourceThatCanFireIsADeadlock() throws Exception {
        CliRun.Result r = CliRun.pebble("run", CliRun.resourceFile(dir, "run", "wait-no-source.s").toString());
        assertEquals(ExitCodes.DEADLOCK, r.exit(), r.err());
        assertTrue(r.err().startsWith("pebble: deadlock: WAIT with no interrupt source that can fire"), r.err());
    }

    /** With --console-in the idle time is skipped, not waited for: the same cycles on every run. */
    @Test
    void fileInputRunsArePureFunctionsOfTheirInputs() throws Exception {
        Path src = CliRun.resourceFile(dir, "run", "wait-for-key.s");
        Path in = dir.resolve("key.txt");
        Files.writeString(in, "Z");
        String first = null;
        for (int i = 0; i < 3; i++) {
            Path json = dir.resolve("s" + i + ".json");
            CliRun.Result r = CliRun.pebble("run", "--console-in", in.toString(), "--stats-json", json.toString(), src.toString());
            assertEquals('Z', r.exit(), r.err());
            String stats = Files.readString(json);
            if (first == null) first = stats; else assertEquals(first, stats, "run " + i);
        }
    }

    /** An interactive session is never stopped by the default bound; scripts and tests keep one. */
    @Test
    void theDefaultCycleLimitIsNoneForAnInteractiveRunOnly() {
        assertEquals(Long.MAX_VALUE, RunOptions.cycleLimit(null, true));
        assertEquals(20_000_000_000L, RunOptions.cycleLimit(null, false));
        assertEquals(5000, RunOptions.cycleLimit(5000L, true), "an explicit --max-cycles always applies");
        assertEquals(Long.MAX_VALUE, RunOptions.cycleLimit(0L, false), "0 = no limit");
    }
}

package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The session of docs/debugging.md, by the real gdb-multiarch in batch mode against {@code pebble run
 * src-guest/examples/count.s --gdb PORT} (skipped, visibly, where gdb-multiarch is not installed; .ci/run
 * installs it). The script (resources/debug/count-session.gdb) breaks at a label, reads registers, steps
 * over a branch and its delay slot, reads memory, watches the store to {@code total}, and continues to the
 * exit; count-session.expected is gdb's whole output as recorded, with the ELF's path as @ELF@.
 */
class GdbMultiarchTest {
    private static final Path COUNT = Path.of("../src-guest/examples/count.s");

    @TempDir
    Path dir;

    static boolean gdbInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "gdb-multiarch"))) return true;
        }
        return false;
    }

    private static String resource(String name) throws Exception {
        try (var in = GdbMultiarchTest.class.getResourceAsStream("/debug/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDocumentedSessionWorksAsShown() throws Exception {
        assumeTrue(gdbInstalled(), "gdb-multiarch is not installed: the gdb session test is skipped");
        Path elf = dir.resolve("count.elf");
        assertEquals(0, CliRun.pebble("asm", COUNT.toString(), "-o", elf.toString()).exit());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = dir.resolve("count-session.gdb");
        Files.writeString(script, resource("count-session.gdb").replace("@ELF@", elf.toString())
                .replace("@PORT@", String.valueOf(port)));
        ExecutorService gdbRunner = Executors.newSingleThreadExecutor();
        try {
            // gdb retries a refused connect for 15 s (tcp auto-retry), so it may start before the stub listens;
            // a probe of the port here would itself be taken as the one client
            Future<String> gdb = gdbRunner.submit(() -> runGdb(script));
            CliRun.Result run = CliRun.pebble("run", COUNT.toString(), "--gdb", String.valueOf(port));
            String out = gdb.get(60, TimeUnit.SECONDS);
            assertEquals(resource("count-session.expected").replace("@ELF@", elf.toString()), out);
            assertEquals(15, run.exit());
        } finally {
            gdbRunner.shutdownNow();
        }
    }

    private static String runGdb(Path script) throws Exception {
        Process gdb = new ProcessBuilder("gdb-multiarch", "-nx", "-batch", "-x", script.toString())
                .redirectErrorStream(true).start();
        gdb.getOutputStream().close();
        String out = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gdb.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}

package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gdb session recorded in docs/debugging.md works as shown: its {@code (gdb)} commands are given to the
 * real gdb-multiarch in batch mode against {@code pebble run src-guest/examples/count.s --gdb PORT}, and
 * gdb's output must be the transcript's, line for line (break at a label, all registers, a step over bne and
 * its delay slot, x/ of memory and of an unmapped address, a watchpoint, continue to the exit). Skipped,
 * visibly, where gdb-multiarch is not installed (.ci/run installs it).
 */
class GdbMultiarchTest {
    private static final Path COUNT = Path.of("../src-guest/examples/count.s");
    private static final Path DOC = Path.of("../docs/debugging.md");
    /** What interactive gdb prints and batch gdb does not; and the shell line that starts gdb. */
    private static final List<String> INTERACTIVE_ONLY = List.of("$ ", "Reading symbols from", "(No debugging symbols",
            "Remote debugging using", "Continuing.");

    @TempDir
    Path dir;

    static boolean gdbInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "gdb-multiarch"))) return true;
        }
        return false;
    }

    /** The fenced block after "In another terminal" in docs/debugging.md. */
    static List<String> transcript() throws Exception {
        List<String> lines = Files.readAllLines(DOC);
        int i = 0;
        while (!lines.get(i).startsWith("In another terminal")) i++;
        while (!lines.get(i).equals("```")) i++;
        int end = i + 1;
        while (!lines.get(end).equals("```")) end++;
        return lines.subList(i + 1, end);
    }

    /** Whitespace runs as one space (tmux recorded gdb's tabs as spaces), trimmed. */
    private static String normal(String line) {
        return line.trim().replaceAll("\\s+", " ");
    }

    @Test
    void theDocumentedSessionWorksAsShown() throws Exception {
        assumeTrue(gdbInstalled(), "gdb-multiarch is not installed: the documented gdb session is not checked");
        Path elf = dir.resolve("count.elf");
        assertEquals(0, CliRun.pebble("asm", COUNT.toString(), "-o", elf.toString()).exit());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> gdbArgs = new ArrayList<>(List.of("gdb-multiarch", "-nx", "-batch", elf.toString()));
        List<String> expected = new ArrayList<>();
        for (String line : transcript()) {
            if (line.startsWith("(gdb) ")) {
                String cmd = line.substring(6);
                if (cmd.equals("quit")) continue;
                gdbArgs.add("-ex");
                gdbArgs.add(cmd.replace("localhost:1234", "localhost:" + port));
            } else if (INTERACTIVE_ONLY.stream().noneMatch(line::startsWith) && !normal(line).isEmpty()) {
                expected.add(normal(line));
            }
        }
        assertTrue(gdbArgs.contains("watch *(int *)&total"), "the transcript was found: " + gdbArgs);
        ExecutorService gdbRunner = Executors.newSingleThreadExecutor();
        try {
            // gdb retries a refused connect for 15 s (tcp auto-retry), so it may start before the stub listens;
            // a probe of the port here would itself be taken as the one client
            Future<String> gdb = gdbRunner.submit(() -> runGdb(gdbArgs));
            CliRun.Result run = CliRun.pebble("run", COUNT.toString(), "--gdb", String.valueOf(port));
            List<String> actual = new ArrayList<>();
            for (String line : gdb.get(60, TimeUnit.SECONDS).split("\n")) {
                if (!normal(line).isEmpty()) actual.add(normal(line));
            }
            assertEquals(String.join("\n", expected), String.join("\n", actual));
            assertEquals(15, run.exit());
        } finally {
            gdbRunner.shutdownNow();
        }
    }

    private static String runGdb(List<String> args) throws Exception {
        Process gdb = new ProcessBuilder(args).redirectErrorStream(true).start();
        gdb.getOutputStream().close();
        String out = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gdb.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}

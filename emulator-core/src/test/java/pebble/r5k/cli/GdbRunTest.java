package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.debug.RspTestClient;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code pebble run --gdb}: debugging changes no cycle count. A program hot enough to be translated runs to
 * its end once alone and once under a stub session that stops at breakpoints, steps, watches a store and
 * continues; the statistics (--stats-json: cycles, stalls, cache and TLB figures) must be byte-identical,
 * in the timed and the functional mode. Also the kill exit and the option checks.
 */
class GdbRunTest {
    @TempDir
    Path dir;

    /** 3000 rounds of a loop over a 64-word buffer (translated after 50); exits with the low byte of a sum. */
    private static final String HOT = String.join("\n",
            ".set noreorder", ".text", ".globl _start", "_start:",
            "  lui $a0, %hi(buf)", "  addiu $a0, $a0, %lo(buf)", "  li $t0, 0", "  li $t1, 3000",
            "loop:",                                  // 0x80100010
            "  andi $t2, $t0, 63", "  sll $t2, $t2, 2", "  addu $t3, $a0, $t2", "  lw $t4, 0($t3)",
            "  addu $t4, $t4, $t0", "  sw $t4, 0($t3)", "  addiu $t0, $t0, 1",
            "  bne $t0, $t1, loop",                   // 0x8010002c
            "  addu $v0, $v0, $t4",
            "  andi $v0, $v0, 0xff", "  lui $t3, 0xbfff", "  sw $v0, 0($t3)", "1: b 1b", "  nop",
            ".data", "buf: .space 256", "");

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code pebble run hot.s --stats-json FILE extra...}; returns the exit, the JSON and stderr. */
    private List<String> run(String name, List<String> extra) throws Exception {
        Path src = dir.resolve("hot.s");
        Files.writeString(src, HOT);
        Path json = dir.resolve(name + ".json");
        List<String> args = new ArrayList<>(List.of("run", src.toString(), "--stats-json", json.toString()));
        args.addAll(extra);
        CliRun.Result r = CliRun.pebble(args.toArray(String[]::new));
        return List.of(String.valueOf(r.exit()), Files.readString(json), r.err(), r.out());
    }

    /** The session: break in the loop, step over the branch, watch a buffer word, continue to the end. */
    private static void session(RspTestClient gdb) throws Exception {
        assertEquals("OK", gdb.request("Z0,80100010,4"));
        for (int i = 0; i < 3; i++) {
            gdb.send("c");
            assertEquals("S05", gdb.reply());
        }
        assertEquals("ffffffff80100010", gdb.request("p25"));
        assertEquals("0000000000000002", gdb.request("p8"), "third stop: $t0 = 2");
        assertEquals("OK", gdb.request("z0,80100010,4"));
        for (int i = 0; i < 8; i++) {
            gdb.send("s");
            assertEquals("S05", gdb.reply());
        }
        String a0 = gdb.request("p4");
        long buf = Long.parseUnsignedLong(a0, 16);
        String watched = Long.toHexString(buf + 8 & 0xFFFFFFFFL);
        assertEquals("OK", gdb.request("Z2," + watched + ",4"));
        gdb.send("c");
        assertEquals("T05watch:" + watched + ";", gdb.reply());
        assertEquals("ffffffff80100024", gdb.request("p25"), "stopped at the sw, before it");
        assertEquals("OK", gdb.request("z2," + watched + ",4"));
        assertEquals("OK", gdb.request("Z1,8010002c,4"));
        gdb.send("c");
        assertEquals("S05", gdb.reply());
        assertEquals("OK", gdb.request("z1,8010002c,4"));
        gdb.send("c");
        assertTrue(gdb.reply().startsWith("W"));
    }

    private void assertSameWithAndWithoutGdb(List<String> mode) throws Exception {
        List<String> plain = run("plain", mode);
        int port = freePort();
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<?> f = client.submit(() -> {
                try (RspTestClient gdb = RspTestClient.connect(port)) {
                    session(gdb);
                }
                return null;
            });
            List<String> args = new ArrayList<>(mode);
            args.addAll(List.of("--gdb", String.valueOf(port)));
            List<String> debugged = run("debugged", args);
            f.get(30, TimeUnit.SECONDS);
            assertEquals(plain.get(0), debugged.get(0), "exit status");
            assertEquals(plain.get(1), debugged.get(1), "--stats-json, byte for byte");
            assertEquals(plain.get(3), debugged.get(3), "console");
            assertEquals("pebble: waiting for gdb on localhost:" + port + "\npebble: gdb attached\n", debugged.get(2));
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    void debuggingChangesNoCycleCountTimed() throws Exception {
        assertSameWithAndWithoutGdb(List.of());
    }

    @Test
    void debuggingChangesNoCycleCountFunctional() throws Exception {
        assertSameWithAndWithoutGdb(List.of("--no-timing"));
    }

    @Test
    void killFromGdbEndsTheRunWithItsOwnLineAndCode() throws Exception {
        int port = freePort();
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<?> f = client.submit(() -> {
                try (RspTestClient gdb = RspTestClient.connect(port)) {
                    gdb.send("s");
                    assertEquals("S05", gdb.reply());
                    gdb.send("k");
                }
                return null;
            });
            List<String> r = run("killed", List.of("--gdb", String.valueOf(port)));
            f.get(30, TimeUnit.SECONDS);
            assertEquals(String.valueOf(ExitCodes.KILLED_BY_GDB), r.get(0));
            assertTrue(r.get(2).endsWith("pebble: killed by gdb after " + cyclesOf(r.get(1))
                    + " cycles; pc=0xffffffff80100004\n"), r.get(2));
        } finally {
            client.shutdownNow();
        }
    }

    private static String cyclesOf(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"cycles\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    @Test
    void optionChecks() throws Exception {
        String src = Files.writeString(dir.resolve("hot.s"), HOT).toString();
        CliRun.Result r = CliRun.pebble("run", src, "--gdb-no-wait");
        assertEquals(ExitCodes.HOST_ERROR, r.exit());
        assertEquals("pebble: --gdb-no-wait needs --gdb PORT\n", r.err());
        r = CliRun.pebble("run", src, "--gdb", "70000");
        assertEquals(ExitCodes.HOST_ERROR, r.exit());
        assertEquals("pebble: --gdb port must be 0..65535: 70000\n", r.err());
    }
}

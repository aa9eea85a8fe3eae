package pebble.r5k.debug;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.Machine;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.cpu.HaltReason;
import pebble.r5k.image.GuestImage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The stub over a real socket, driven packet by packet as gdb drives it, on src-guest/examples/count.s (the
 * program of docs/debugging.md; its listing is in the comments below, addresses from objdump of the ELF
 * {@code pebble asm} makes: _start 0x80100000, loop 0x80100010, the bne 0x8010001c with the store to
 * {@code total} in its delay slot, done 0x80100024, total 0x80100040).
 */
class GdbStubTest {
    static final Path COUNT = Path.of("../src-guest/examples/count.s");

    @TempDir
    Path dir;

    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Machine machine;
    private GdbStub stub;
    private GdbServer server;

    @AfterEach
    void stop() {
        runner.shutdownNow();
    }

    static Machine load(Path source) {
        GuestImage image = GuestImage.fromSource(source, AsmOptions.defaults());
        Machine m = Machine.create(image.bigEndian(), 8L << 20, OutputStream.nullOutputStream(), null);
        image.loadInto(m);
        return m;
    }

    /** Starts the stub on a free port, waiting for a client, in the background; returns the run's future. */
    private Future<Machine.RunResult> start(Path source, boolean wait) {
        return start(source, wait, 1_000_000);
    }

    private Future<Machine.RunResult> start(Path source, boolean wait, long maxCycles) {
        machine = load(source);
        server = new GdbServer(0);
        stub = new GdbStub(machine, server, wait, new PrintStream(log, true));
        return runner.submit(() -> stub.run(maxCycles));
    }

    private static String reg(String g, int n) {
        return g.substring(16 * n, 16 * n + 16);
    }

    @Test
    void registersAndMemoryAtTheFirstInstruction() throws Exception {
        Future<Machine.RunResult> run = start(COUNT, true);
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("PacketSize=4000", gdb.request("qSupported:multiprocess+;swbreak+;hwbreak+"));
            assertEquals("S05", gdb.request("?"));
            String g = gdb.request("g");
            assertEquals(90 * 16, g.length());
            assertEquals("ffffffff80100000", reg(g, 37), "pc, big-endian 64-bit");
            assertEquals("ffffffff807fffc0", reg(g, 29), "$sp: KSEG0 top of the 8 MB RAM less the monitor's 64 bytes");
            assertEquals("0000000000002310", reg(g, 71), "fir = FCR0 of the R5000");
            assertEquals("xxxxxxxxxxxxxxxx", reg(g, 72), "registers gdb has no name for here: unavailable");
            assertEquals("ffffffff80100000", gdb.request("p25"));
            assertEquals("OK", gdb.request("P0d=0000000000001234"));
            assertEquals("0000000000001234", gdb.request("pd"));
            assertEquals("OK", gdb.request("P0=00000000000000ff"));
            assertEquals("0000000000000000", gdb.request("p0"), "$0 stays 0");
            assertEquals("OK", gdb.request("P26=000000003f800000"), "f0 = 1.0f in its low half");
            assertEquals(0x3f800000L, machine.cpu().fpr[0]);
            assertEquals("OK", gdb.request("P46=0000000000000003"), "fsr: rounding mode 3");
            assertEquals(3, machine.cpu().fcr31);
            assertEquals("OK", gdb.request("P45=0000000000000000"), "cause: only IP1:0 are writable");
            assertEquals("OK", gdb.request("P24=ffffffff80100000"), "pc written with its own value: no change");
            assertEquals("3c048010248400402408000124090006", gdb.request("m80100000,10"), "lui, addiu, li, li");
            assertEquals("3c048010", gdb.request("mffffffff80100000,4"), "a 64-bit address means the same");
            assertEquals("E01", gdb.request("m0,4"), "kuseg with no TLB entry: an error, not a fault");
            assertEquals("E01", gdb.request("mbd0003f8,1"), "a device register: never read by the debugger");
            assertEquals("OK", gdb.request("M80100040,4:0000000a"));
            assertEquals("0000000a", gdb.request("m80100040,4"));
            assertEquals("E01", gdb.request("M0,4:00000000"));
            assertEquals(0, machine.cpu().cp0.exceptionCount[2] + machine.cpu().tlbRefills, "no TLB miss was taken");
            gdb.send("c");
            assertEquals("W19", gdb.reply(), "exit status 10 + 15 = 25: the M write was seen by the guest");
        }
        Machine.RunResult r = run.get(20, TimeUnit.SECONDS);
        assertEquals(HaltReason.GUEST_EXIT, r.reason());
        assertEquals(25, r.exitStatus());
    }

    /** An endless loop (for Ctrl-C and late clients): 0x80100000 b 0x80100000, 0x80100004 nop. */
    private Path endless() throws IOException {
        Path p = dir.resolve("endless.s");
        Files.writeString(p, ".set noreorder\n.text\n.globl _start\n_start:\nspin: b spin\nnop\n");
        return p;
    }

    @Test
    void breakpointsWatchpointsAndStepsStopWhereGdbExpects() throws Exception {
        Future<Machine.RunResult> run = start(COUNT, true);
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("OK", gdb.request("Z0,80100010,4"));
            gdb.send("c");
            assertEquals("S05", gdb.reply());
            assertEquals("ffffffff80100010", gdb.request("p25"), "stopped before loop's first instruction");
            assertEquals("OK", gdb.request("z0,80100010,4"));
            assertEquals("OK", gdb.request("Z2,80100040,4"));
            gdb.send("c");
            assertEquals("T05watch:80100040;", gdb.reply());
            assertEquals("ffffffff8010001c", gdb.request("p25"),
                    "the store is bne's delay slot: the stop is at the branch, before either runs");
            assertEquals("00000000", gdb.request("m80100040,4"));
            assertEquals("OK", gdb.request("z2,80100040,4"));
            gdb.send("s");
            assertEquals("S05", gdb.reply());
            assertEquals("ffffffff80100010", gdb.request("p25"), "one step: the branch and its slot, taken");
            assertEquals("00000001", gdb.request("m80100040,4"), "the slot's store happened");
            gdb.send("s");
            assertEquals("S05", gdb.reply());
            assertEquals("ffffffff80100014", gdb.request("p25"), "an ordinary instruction: one step");
            assertEquals("OK", gdb.request("Z1,80100024,4"));
            gdb.send("c");
            assertEquals("S05", gdb.reply());
            assertEquals("ffffffff80100024", gdb.request("p25"), "hardware breakpoint at done");
            assertEquals("0000000000000006", gdb.request("p8"), "$t0 ran to the bound");
            gdb.send("c");
            assertEquals("W0f", gdb.reply(), "exit status 15");
        }
        assertEquals(15, run.get(20, TimeUnit.SECONDS).exitStatus());
    }

    @Test
    void ctrlCStopsARunningGuestAndKillEndsTheRun() throws Exception {
        Future<Machine.RunResult> run = start(endless(), true, Long.MAX_VALUE);
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            gdb.send("c");
            Thread.sleep(200);
            gdb.raw("\u0003");
            assertEquals("S02", gdb.reply());
            String pc = gdb.request("p25");
            assertTrue(pc.equals("ffffffff80100000"), "never stopped in the delay slot (0x80100004): " + pc);
            gdb.send("k");
        }
        Machine.RunResult r = run.get(20, TimeUnit.SECONDS);
        assertTrue(stub.killed());
        assertFalse(r.halted());
        assertTrue(machine.cpu().cycle > 0);
    }

    @Test
    void withoutWaitingTheGuestRunsAndALateClientStopsIt() throws Exception {
        Future<Machine.RunResult> run = start(endless(), false, Long.MAX_VALUE);
        Thread.sleep(300);
        assertTrue(machine.cpu().instret > 0 || !run.isDone(), "running before any client");
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("S05", gdb.request("?"));
            assertEquals("ffffffff80100000", gdb.request("p25"));
            long before = machine.cpu().instret;
            Thread.sleep(100);
            assertEquals(before, machine.cpu().instret, "stopped while gdb holds it");
            gdb.send("k");
        }
        run.get(20, TimeUnit.SECONDS);
        assertTrue(log.toString().startsWith("pebble: gdb can attach on localhost:" + server.port()));
    }

    @Test
    void withTimingMemoryIsReadFromTheDataCacheWithoutDisturbingIt() throws Exception {
        machine = load(COUNT);
        machine.enableTiming(pebble.r5k.timing.TimingTable.defaults(), null);
        server = new GdbServer(0);
        stub = new GdbStub(machine, server, true, new PrintStream(log, true));
        Future<Machine.RunResult> run = runner.submit(() -> stub.run(1_000_000));
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("OK", gdb.request("Z0,80100024,4"));
            gdb.send("c");
            assertEquals("S05", gdb.reply());
            pebble.r5k.cache.L1Cache d = machine.memory().dcache;
            long hits = d.hits, misses = d.misses;
            assertEquals(0, machine.ram().read32(0x100040), "RAM still holds 0: total is in a dirty write-back line");
            assertEquals("0000000f", gdb.request("m80100040,4"), "the debugger sees the line's 15");
            assertEquals("OK", gdb.request("M80100040,4:00000010"));
            assertEquals(hits, d.hits, "no D-cache hit counted");
            assertEquals(misses, d.misses, "no D-cache miss counted");
            gdb.send("c");
            assertEquals("W10", gdb.reply(), "the guest loads the written 16 from its line");
        }
        assertEquals(16, run.get(20, TimeUnit.SECONDS).exitStatus());
    }

    @Test
    void readAndAccessWatchpoints() throws Exception {
        Future<Machine.RunResult> run = start(COUNT, true);
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("OK", gdb.request("Z3,80100040,4"));
            gdb.send("c");
            assertEquals("T05rwatch:80100040;", gdb.reply());
            assertEquals("ffffffff80100010", gdb.request("p25"), "before loop's lw of total");
            assertEquals("OK", gdb.request("z3,80100040,4"));
            assertEquals("OK", gdb.request("Z4,80100042,1"), "one byte inside total");
            gdb.send("c");
            assertEquals("T05awatch:80100042;", gdb.reply());
            assertEquals("ffffffff8010001c", gdb.request("p25"), "the next access: the store in bne's slot");
            assertEquals("OK", gdb.request("z4,80100042,1"));
            assertEquals("OK", gdb.request("Z2,80100044,4"), "the word after total: never written");
            gdb.send("c");
            assertEquals("W0f", gdb.reply());
        }
        assertEquals(15, run.get(20, TimeUnit.SECONDS).exitStatus());
    }
}

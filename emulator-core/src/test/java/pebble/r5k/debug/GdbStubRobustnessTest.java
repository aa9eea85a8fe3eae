package pebble.r5k.debug;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input on the socket: the protocol's error replies, never a crash or a hang; a broken or second client
 * leaves the run to finish on its own (count.s exits with 15).
 */
class GdbStubRobustnessTest {
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private GdbServer server;

    @AfterEach
    void stop() {
        runner.shutdownNow();
    }

    private Future<Machine.RunResult> start() {
        Machine m = GdbStubTest.load(GdbStubTest.COUNT);
        server = new GdbServer(0);
        GdbStub stub = new GdbStub(m, server, true, new PrintStream(log, true));
        return runner.submit(() -> stub.run(1_000_000));
    }

    @Test
    void malformedPacketsGetNakOrErrorAndTheSessionGoesOn() throws Exception {
        Future<Machine.RunResult> run = start();
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            gdb.raw("$?#00");
            assertEquals('-', gdb.readByte(), "bad checksum: NAK");
            gdb.raw("$?#zz");
            assertEquals('-', gdb.readByte(), "checksum not hex: NAK");
            gdb.raw("$" + "m".repeat(RspChannel.MAX_PACKET + 10) + "#00");
            assertEquals('-', gdb.readByte(), "longer than the PacketSize offered: NAK");
            assertEquals("E01", gdb.request("mzz,4"));
            assertEquals("E01", gdb.request("m80100000"));
            assertEquals("E01", gdb.request("M80100040,4:0000"), "data shorter than the length");
            assertEquals("E01", gdb.request("P99=0000000000000000"), "no register 0x99");
            assertEquals("E01", gdb.request("P48=0000000000000000"), "register 72: not on this target");
            assertEquals("E01", gdb.request("p"));
            assertEquals("E01", gdb.request("G12"));
            assertEquals("E01", gdb.request("Z0"));
            assertEquals("E01", gdb.request("Z2,80100040,0"), "an empty watch range");
            assertEquals("E01", gdb.request("Cxyz"));
            assertEquals("", gdb.request("Z9,80100040,4"), "unknown kind: not supported");
            // numbers wider than the field are checked before any narrowing: not pc (0x25), not Z0
            assertEquals("E01", gdb.request("p100000025"));
            assertEquals("E01", gdb.request("pffffffff00000025"));
            assertEquals("E01", gdb.request("P100000025=0000000000000000"));
            assertEquals("", gdb.request("Z100000000,80100040,4"));
            // lengths are unsigned: ffffffffffffffff is a long read (cut to what a reply holds), not -1
            assertTrue(gdb.request("m80100000,ffffffffffffffff").matches("[0-9a-f]+"));
            assertEquals("E01", gdb.request("M80100040,8000000000000002:00"), "a length that overflows");
            assertEquals("", gdb.request("vMustReplyEmpty"));
            assertEquals("", gdb.request("X80100040,0:"), "binary writes are not offered");
            assertEquals("", gdb.request(""));
            assertEquals("S05", gdb.request("?"));
            gdb.raw("-");
            assertEquals("S05", gdb.reply(), "a NAK from gdb: the last reply again");
            assertEquals("ffffffff80100000", gdb.request("p25"), "nothing ran meanwhile");
            gdb.send("c");
            assertEquals("W0f", gdb.reply());
        }
        assertEquals(15, run.get(20, TimeUnit.SECONDS).exitStatus());
    }

    @Test
    void aDisconnectInTheMiddleOfAPacketDetachesAndTheRunGoesOn() throws Exception {
        Future<Machine.RunResult> run = start();
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("OK", gdb.request("Z0,80100010,4"));
            gdb.raw("$m801000");
        }
        Machine.RunResult r = run.get(20, TimeUnit.SECONDS);
        assertEquals(15, r.exitStatus(), "the breakpoint went with the client");
        assertTrue(log.toString().contains("pebble: gdb detached; the run goes on"), log.toString());
    }

    /**
     * A client that closes the connection while the guest runs is noticed at the next poll (a channel read
     * sees the end of the stream), not at the next stop: its breakpoint at the end is gone, and the run
     * finishes in the fast loops. Before, the stub kept debugging-speed stepping until the breakpoint.
     */
    @Test
    void aClientThatLeavesWhileTheGuestRunsIsDroppedAtOnce() throws Exception {
        java.nio.file.Path src = java.nio.file.Files.createTempFile("spin", ".s");
        java.nio.file.Files.writeString(src, """
                        .set noreorder
                        .text
                        .globl _start
                _start: lui   $t0, 0x10
                1:      addiu $t0, $t0, -1
                        bnez  $t0, 1b
                        nop
                done:   li    $v0, 15
                        lui   $t3, 0xbfff
                        sw    $v0, 0($t3)
                """);
        Machine m = GdbStubTest.load(src);
        server = new GdbServer(0);
        GdbStub stub = new GdbStub(m, server, true, new PrintStream(log, true));
        Future<Machine.RunResult> run = runner.submit(() -> stub.run(100_000_000));
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("OK", gdb.request("Z0,80100010,4"), "at done: reached only after the loop");
            gdb.send("c");
        }
        Machine.RunResult r = run.get(60, TimeUnit.SECONDS);
        java.nio.file.Files.deleteIfExists(src);
        assertEquals(15, r.exitStatus(), "the breakpoint went with the client");
        assertTrue(log.toString().contains("pebble: gdb connection lost; the run goes on"), log.toString());
    }

    @Test
    void aSecondClientIsRefusedWhileTheFirstIsServed() throws Exception {
        Future<Machine.RunResult> run = start();
        try (RspTestClient gdb = RspTestClient.connect(server.port())) {
            assertEquals("S05", gdb.request("?"));
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close());
            assertEquals("ffffffff80100000", gdb.request("p25"), "the first client is unaffected");
            gdb.send("D");
            assertEquals("OK", gdb.reply());
        }
        assertEquals(15, run.get(20, TimeUnit.SECONDS).exitStatus());
    }

    @Test
    void theListenerIsOnLoopbackOnly() {
        try (GdbServer s = new GdbServer(0)) {
            assertTrue(s.boundAddress().isLoopbackAddress(), s.boundAddress().toString());
        }
    }

    @Test
    void aPortInUseIsOneLine() {
        try (GdbServer first = new GdbServer(0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GdbServer(first.port()));
            assertTrue(e.getMessage().startsWith("--gdb: cannot listen on localhost:" + first.port() + " ("), e.getMessage());
        }
    }
}

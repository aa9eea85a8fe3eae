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

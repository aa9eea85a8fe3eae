package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code pebble boot --gdb} (the option comes with RunOptions, the stub with RunSession): a session that
 * stops at the domain's first instruction (kuseg 0x00400000), steps and continues leaves the boot's
 * console, exit status and --stats-json exactly as without it.
 */
class BootGdbTest {
    private static final String HELLO = Path.of("..", "src-guest", "examples", "hello.s").toString();

    @TempDir Path dir;

    private record Outcome(int status, String out, String err, String json) {}

    private Outcome boot(String name, String... extra) throws Exception {
        Path json = dir.resolve(name + ".json");
        String[] args = new String[extra.length + 3];
        args[0] = HELLO;
        args[1] = "--stats-json";
        args[2] = json.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        BootRun r = BootRun.of(args);
        return new Outcome(r.status(), r.out(), r.err(), Files.readString(json));
    }

    /** Sends {@code $payload#cs}, reads the '+' and, unless {@code expectReply} is false, the reply's payload. */
    private static String request(InputStream in, OutputStream out, String payload, boolean expectReply) throws Exception {
        int sum = 0;
        for (char ch : payload.toCharArray()) sum += ch;
        out.write(String.format("$%s#%02x", payload, sum & 0xFF).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        assertEquals('+', in.read());
        return expectReply ? reply(in, out) : null;
    }

    private static String reply(InputStream in, OutputStream out) throws Exception {
        int b;
        while ((b = in.read()) != '$') assertTrue(b >= 0, "stub closed the connection");
        StringBuilder sb = new StringBuilder();
        while ((b = in.read()) != '#') sb.append((char) b);
        in.read();
        in.read();
        out.write('+');
        out.flush();
        return sb.toString();
    }

    private static Socket connect(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.setSoTimeout(30_000);
                return s;
            } catch (ConnectException e) {
                if (i >= 400) throw e;
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aDebuggedBootEndsExactlyAsAnUndebuggedOne() throws Exception {
        Outcome plain = boot("plain");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<?> session = client.submit(() -> {
                try (Socket s = connect(port)) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    assertEquals("OK", request(in, out, "Z0,400000,4", true));
                    request(in, out, "c", false);
                    assertEquals("S05", reply(in, out));
                    assertEquals("0000000000400000", request(in, out, "p25", true), "hello's _start");
                    assertEquals("OK", request(in, out, "z0,400000,4", true));
                    for (int i = 0; i < 5; i++) {
                        request(in, out, "s", false);
                        assertEquals("S05", reply(in, out));
                    }
                    request(in, out, "c", false);
                    assertEquals("W00", reply(in, out));
                }
                return null;
            });
            Outcome debugged = boot("debugged", "--gdb", String.valueOf(port));
            session.get(60, TimeUnit.SECONDS);
            assertEquals(0, debugged.status());
            assertEquals(plain.out(), debugged.out());
            assertEquals(plain.json(), debugged.json(), "--stats-json, byte for byte");
            assertTrue(debugged.err().startsWith("pebble: waiting for gdb on localhost:" + port + "\n"), debugged.err());
        } finally {
            client.shutdownNow();
        }
    }
}

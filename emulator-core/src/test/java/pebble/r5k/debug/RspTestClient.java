package pebble.r5k.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Test support: a minimal GDB remote protocol client over a real socket (what gdb itself sends). */
public final class RspTestClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RspTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000); // a hung stub fails the test instead of hanging it
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to localhost:{@code port}, retrying while the stub is not listening yet (up to 20 s). */
    public static RspTestClient connect(int port) throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            try {
                return new RspTestClient(new Socket(InetAddress.getLoopbackAddress(), port));
            } catch (ConnectException e) {
                if (i >= 400) throw e;
                Thread.sleep(50);
            }
        }
    }

    /** {@code $payload#cs} as gdb frames it. */
    public static String frame(String payload) {
        int sum = 0;
        for (char ch : payload.toCharArray()) sum += ch;
        return "$" + payload + "#" + String.format("%02x", sum & 0xFF);
    }

    /** Sends bytes as they are. */
    public void raw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One byte from the stub (an ack), or -1 at its end of stream. */
    public int readByte() throws IOException {
        return in.read();
    }

    /** Sends a packet, expects its '+', and returns the reply's payload (acknowledged). */
    public String request(String payload) throws IOException {
        send(payload);
        return reply();
    }

    /** Sends a packet and expects its '+' (for packets answered later, like c, or never, like k). */
    public void send(String payload) throws IOException {
        raw(frame(payload));
        int ack = in.read();
        if (ack != '+') throw new IOException("expected '+', got " + ack);
    }

    /** The next packet's payload, checked and acknowledged. */
    public String reply() throws IOException {
        int b;
        while ((b = in.read()) != '$') {
            if (b < 0) throw new IOException("stub closed the connection");
        }
        StringBuilder sb = new StringBuilder();
        while ((b = in.read()) != '#') {
            if (b < 0) throw new IOException("stub closed the connection in a packet");
            sb.append((char) b);
        }
        String cs = "" + (char) in.read() + (char) in.read();
        if (!frame(sb.toString()).endsWith("#" + cs)) throw new IOException("bad checksum from stub: " + sb + "#" + cs);
        raw("+");
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package pebble.r5k.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Packet framing of the GDB remote serial protocol (gdb manual, "Overview" of Remote Protocol):
 * {@code $payload#cs} with cs the modulo-256 sum of the payload in two hex digits, acknowledged by
 * {@code +} (good) or {@code -} (bad checksum: send again). A lone 0x03 byte is an interrupt (Ctrl-C).
 * Payloads here are ASCII: the stub offers no binary packets (X, vFile), so no escapes arrive.
 */
final class RspChannel {
    /** The largest packet read; longer ones are refused with {@code -} (gdb was told PacketSize). */
    static final int MAX_PACKET = 0x4000;
    static final int INTERRUPT = 0x03;

    private final InputStream in;
    private final OutputStream out;
    /** The socket's channel (the streams' source), read without blocking while the target runs. */
    private final SocketChannel polled;
    private final ByteBuffer pollBuffer = ByteBuffer.allocate(256);
    private byte[] lastSent;

    RspChannel(InputStream in, OutputStream out, SocketChannel polled) {
        this.in = in;
        this.out = out;
        this.polled = polled;
    }

    /** What {@link #pollInterrupt} saw. */
    enum Poll { NOTHING, INTERRUPT, CLOSED }

    /**
     * The next packet's payload, acknowledged; null at end of stream. A packet with a bad checksum, a
     * non-hex checksum or more than {@link #MAX_PACKET} bytes is answered {@code -} and skipped.
     */
    String readPacket() throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) return null;
            if (b == '-' && lastSent != null) {
                out.write(lastSent);
                out.flush();
                continue;
            }
            if (b != '$') continue; // '+' acks, a Ctrl-C while already stopped, noise between packets
            StringBuilder sb = new StringBuilder();
            int sum = 0;
            boolean overflow = false;
            while (true) {
                b = in.read();
                if (b < 0) return null;
                if (b == '#') break;
                if (b == '$') { // a new start inside a packet: the earlier one was cut; start again
                    sb.setLength(0);
                    sum = 0;
                    overflow = false;
                    continue;
                }
                sum = (sum + b) & 0xFF;
                if (sb.length() < MAX_PACKET) sb.append((char) b); else overflow = true;
            }
            int c1 = in.read(), c2 = in.read();
            if (c2 < 0) return null;
            int cs = Character.digit(c1, 16) << 4 | Character.digit(c2, 16);
            if (overflow || Character.digit(c1, 16) < 0 || Character.digit(c2, 16) < 0 || cs != sum) {
                out.write('-');
                out.flush();
                continue;
            }
            out.write('+');
            out.flush();
            return sb.toString();
        }
    }

    /** Sends one packet (its ack is read with the next packet: a {@code -} there sends it again). */
    void send(String payload) throws IOException {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) sum += payload.charAt(i);
        StringBuilder sb = new StringBuilder(payload.length() + 4).append('$').append(payload).append('#');
        Hex.appendByte(sb, sum & 0xFF);
        lastSent = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(lastSent);
        out.flush();
    }

    /**
     * While the target runs: whether gdb sent Ctrl-C, or closed the connection. Never blocks; bytes other than
     * 0x03 (late acks) are dropped. The channel's read sees the end of the stream at once (a blocking stream's
     * {@code available()} cannot tell a closed peer from a quiet one): a client that went away stops costing
     * the run its debugging speed (docs/debugging.md).
     */
    Poll pollInterrupt() throws IOException {
        boolean seen = false;
        polled.configureBlocking(false);
        try {
            while (true) {
                pollBuffer.clear();
                int n = polled.read(pollBuffer);
                if (n < 0) return Poll.CLOSED;
                if (n == 0) return seen ? Poll.INTERRUPT : Poll.NOTHING;
                for (int i = 0; i < n; i++) if (pollBuffer.get(i) == INTERRUPT) seen = true;
            }
        } finally {
            polled.configureBlocking(true);
        }
    }
}

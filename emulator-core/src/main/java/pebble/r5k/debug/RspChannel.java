package pebble.r5k.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    private byte[] lastSent;

    RspChannel(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

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
     * While the target runs: whether gdb sent Ctrl-C. Never blocks; bytes other than 0x03 (late acks) are
     * dropped. At end of stream it returns false: the next {@link #readPacket} sees the end.
     */
    boolean pollInterrupt() throws IOException {
        boolean seen = false;
        while (in.available() > 0) {
            int b = in.read();
            if (b < 0) break;
            if (b == INTERRUPT) seen = true;
        }
        return seen;
    }
}

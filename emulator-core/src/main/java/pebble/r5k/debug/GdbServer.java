package pebble.r5k.debug;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;

/**
 * The listening side of {@code --gdb PORT}: one TCP port on the loopback address only (a debugger can read
 * and write all guest memory, so it is never offered to the network), for one client. The listener closes
 * as soon as that client is accepted, so a second client is refused by the host and the session never has
 * two masters. Without waiting ({@code --gdb-no-wait}) a daemon thread accepts while the guest runs, and
 * the stub picks the client up between instructions ({@link #pollClient}).
 */
public final class GdbServer implements AutoCloseable {
    /** A channel, so that each client's socket has one too ({@link RspChannel#pollInterrupt} reads it without blocking). */
    private final ServerSocketChannel listener;
    private volatile Socket accepted;

    /** Listens on 127.0.0.1:{@code port} (0: a free port, see {@link #port}). One-line message on failure. */
    public GdbServer(int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--gdb port must be 0..65535: " + port);
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("--gdb: cannot listen on localhost:" + port + " (" + e.getMessage() + ")");
        }
    }

    /** The address listened on (the loopback one). */
    public InetAddress boundAddress() { return listener.socket().getInetAddress(); }

    /** The port listened on. */
    public int port() { return listener.socket().getLocalPort(); }

    /** Blocks until a client connects; closes the listener. */
    Socket awaitClient() throws IOException {
        try {
            return configure(listener.accept().socket());
        } finally {
            closeListener();
        }
    }

    /** Accepts in the background (the run goes on meanwhile); {@link #pollClient} hands the client over. */
    void acceptInBackground() {
        Thread t = new Thread(() -> {
            try {
                accepted = configure(listener.accept().socket());
            } catch (IOException e) {
                // listener closed (the run ended first): no client
            } finally {
                closeListener();
            }
        }, "pebble-gdb-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The client accepted in the background, once; null if none (yet). */
    Socket pollClient() {
        Socket s = accepted;
        if (s != null) accepted = null;
        return s;
    }

    private static Socket configure(Socket s) throws IOException {
        s.setTcpNoDelay(true); // one small packet per reply: do not wait to coalesce
        return s;
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        closeListener();
        Socket s = accepted;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}

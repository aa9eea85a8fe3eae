package pebble.r5k.cli;

import pebble.r5k.board.LiveInput;

import java.io.IOException;
import java.io.InputStream;

/**
 * The host's stdin as the guest console sees it: a daemon thread reads it into a buffer, so the UART's
 * non-blocking poll ({@code available()}) never waits on the host. Without this, a stdin whose
 * {@code available()} blocks (a stream another thread is reading, as under Maven Surefire) would stall the
 * emulation loop.
 */
final class BackgroundInput extends InputStream implements LiveInput {
    private final byte[] ring = new byte[1 << 12];
    private int head, count;
    private boolean eof;

    BackgroundInput(InputStream source) {
        Thread t = new Thread(() -> pump(source), "pebble-stdin");
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream source) {
        byte[] chunk = new byte[256];
        try {
            for (int n; (n = source.read(chunk)) >= 0; ) {
                for (int i = 0; i < n; i++) put(chunk[i]);
            }
        } catch (IOException | InterruptedException e) {
            // a broken or interrupted stdin ends the input like EOF
        }
        synchronized (this) {
            eof = true;
            notifyAll();
        }
    }

    private synchronized void put(byte b) throws InterruptedException {
        while (count == ring.length) wait(); // the guest reads slower than the host types: hold the rest back
        ring[(head + count++) % ring.length] = b;
        notifyAll();
    }

    @Override
    public synchronized int available() {
        return count > 0 ? count : eof ? 1 : 0; // at EOF report one so the reader sees the -1
    }

    @Override
    public synchronized boolean awaitInput(long nanos) {
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        try {
            while (count == 0 && !eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                wait(Math.max(1, left / 1_000_000), 0); // wait(ms); a sub-millisecond rest waits 1 ms
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    @Override
    public synchronized int read() {
        try {
            while (count == 0 && !eof) wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        if (count == 0) return -1;
        int b = ring[head] & 0xFF;
        head = (head + 1) % ring.length;
        count--;
        notifyAll();
        return b;
    }
}

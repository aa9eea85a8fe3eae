package pebble.r5k.board;

import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExternalEvents;
import pebble.r5k.mem.Bus;
import pebble.r5k.mem.Device;
import pebble.r5k.mem.PhysicalMemory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** TEMPORARY minimal board (COM1 THR/LSR and sim-control) until the full P-5064 model lands. */
public final class P5064Board implements ExternalEvents {
    private final Bus bus;
    private final OutputStream console;
    private Cpu cpu;

    public P5064Board(long ramBytes, boolean bigEndian, OutputStream console, InputStream consoleIn) {
        this.bus = new Bus(new PhysicalMemory(ramBytes, bigEndian));
        this.console = console;
        bus.map(0x1D0003F8L, 8, new Device() {
            public int read(long off, int size) { return off == 5 ? 0x60 : 0; }
            public void write(long off, int size, int v) {
                if (off == 0) {
                    try { console.write(v); } catch (IOException e) { throw new UncheckedIOException(e); }
                }
            }
            public String name() { return "uart0"; }
        });
        bus.map(0x1FFF0000L, 16, new Device() {
            public int read(long off, int size) { return 0; }
            public void write(long off, int size, int v) {
                if (off == 0) {
                    flush();
                    cpu.halt(v & 0xFF, "sim-control");
                }
            }
            public String name() { return "sim-control"; }
        });
    }

    public Bus bus() { return bus; }

    public void attach(Cpu cpu) {
        this.cpu = cpu;
        cpu.events = this;
    }

    public void flush() {
        try { console.flush(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    @Override public long nextEventAt() { return Long.MAX_VALUE; }
    @Override public void runUntil(long cycle) {}
}

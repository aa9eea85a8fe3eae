package pebble.r5k.mem;

import java.util.Arrays;

/**
 * The physical address map: RAM from address 0, then devices at fixed windows. The CPU's fast path reads
 * RAM directly; everything else (devices, holes) goes through {@link #read}/{@link #write}, which report
 * an unmapped address by returning {@code false} from {@link #isMapped} so the CPU can raise a bus error.
 */
public final class Bus {
    public final PhysicalMemory ram;
    private long[] bases = new long[0];
    private long[] sizes = new long[0];
    private Device[] devices = new Device[0];

    public Bus(PhysicalMemory ram) {
        this.ram = ram;
    }

    /** Maps {@code device} at physical {@code base} for {@code size} bytes. Windows must not overlap. */
    public void map(long base, long size, Device device) {
        for (int i = 0; i < bases.length; i++) {
            if (base < bases[i] + sizes[i] && bases[i] < base + size) {
                throw new IllegalArgumentException(device.name() + " overlaps " + devices[i].name());
            }
        }
        if (base < ram.sizeBytes) throw new IllegalArgumentException(device.name() + " overlaps RAM");
        int n = bases.length;
        bases = Arrays.copyOf(bases, n + 1);
        sizes = Arrays.copyOf(sizes, n + 1);
        devices = Arrays.copyOf(devices, n + 1);
        bases[n] = base;
        sizes[n] = size;
        devices[n] = device;
    }

    private int find(long pa) {
        for (int i = 0; i < bases.length; i++) {
            if (pa >= bases[i] && pa < bases[i] + sizes[i]) return i;
        }
        return -1;
    }

    public boolean isRam(long pa, int size) {
        return pa >= 0 && pa + size <= ram.sizeBytes;
    }

    /** Whether an access of {@code size} bytes at {@code pa} reaches RAM or a device. */
    public boolean isMapped(long pa, int size) {
        if (isRam(pa, size)) return true;
        int i = find(pa);
        return i >= 0 && pa + size <= bases[i] + sizes[i];
    }

    /** Reads 1, 2 or 4 bytes from RAM or a device; unmapped addresses read 0 (callers check isMapped first). */
    public int read(long pa, int size) {
        if (isRam(pa, size)) {
            switch (size) {
                case 1: return ram.read8(pa);
                case 2: return ram.read16(pa);
                default: return ram.read32(pa);
            }
        }
        int i = find(pa);
        return i < 0 ? 0 : devices[i].read(pa - bases[i], size);
    }

    public void write(long pa, int size, int value) {
        if (isRam(pa, size)) {
            switch (size) {
                case 1: ram.write8(pa, value); return;
                case 2: ram.write16(pa, value); return;
                default: ram.write32(pa, value); return;
            }
        }
        int i = find(pa);
        if (i >= 0) devices[i].write(pa - bases[i], size, value);
    }

    /** The device mapped at {@code pa}, or null. */
    public Device deviceAt(long pa) {
        int i = find(pa);
        return i < 0 ? null : devices[i];
    }
}

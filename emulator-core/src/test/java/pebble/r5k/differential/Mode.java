package pebble.r5k.differential;

import java.util.List;

/**
 * The two differential configurations: o32 (32-bit registers and operations only, run on a MIPS32 QEMU
 * CPU) and n32 (64-bit operations on full 64-bit registers, run on a MIPS64 QEMU CPU with 32-bit pointers).
 */
public enum Mode {
    O32(4, "24Kf", 4004, 4001),
    N32(8, "5Kf", 6001, 6058);

    /** Bytes per register in the init/dump tables. */
    public final int regBytes;
    public final String qemuCpu;
    public final int sysWrite, sysExit;

    Mode(int regBytes, String qemuCpu, int sysWrite, int sysExit) {
        this.regBytes = regBytes;
        this.qemuCpu = qemuCpu;
        this.sysWrite = sysWrite;
        this.sysExit = sysExit;
    }

    public boolean is64() { return this == N32; }

    public String qemu(boolean bigEndian) {
        return switch (this) {
            case O32 -> bigEndian ? "qemu-mips" : "qemu-mipsel";
            case N32 -> bigEndian ? "qemu-mipsn32" : "qemu-mipsn32el";
        };
    }

    public List<String> asFlags(boolean bigEndian) {
        return this == O32
                ? List.of(bigEndian ? "-EB" : "-EL", "-mabi=32", "-march=mips32")
                : List.of(bigEndian ? "-EB" : "-EL", "-mabi=n32", "-march=mips64");
    }

    public String ldEmulation(boolean bigEndian) {
        return switch (this) {
            case O32 -> bigEndian ? "elf32btsmip" : "elf32ltsmip";
            case N32 -> bigEndian ? "elf32btsmipn32" : "elf32ltsmipn32";
        };
    }

    public String label(boolean bigEndian) {
        return name().toLowerCase() + (bigEndian ? "-be" : "-le");
    }
}

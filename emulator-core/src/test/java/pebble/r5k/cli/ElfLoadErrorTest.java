package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images {@code pebble run} must refuse with exactly one precise line and exit status 125: segments that do
 * not fit in RAM or lie in a mapped kernel space, and images for ISAs the R5000 lacks. The images are the
 * gcc-built C fixtures with one header field patched.
 */
class ElfLoadErrorTest {
    @TempDir
    Path dir;

    private String out, err;

    private int run(Path image, String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "run";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[args.length - 1] = image.toString();
        CliRun.Result r = CliRun.pebble(args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    /** A fixture with {@code patch} applied to its bytes (viewed in the image's own byte order). */
    private Path patched(String fixture, String name, java.util.function.Consumer<ByteBuffer> patch) throws Exception {
        byte[] b;
        try (InputStream in = getClass().getResourceAsStream("/c/" + fixture)) {
            b = in.readAllBytes();
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(b[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        patch.accept(buf);
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private void assertOneLineError(String name, String... fragments) {
        assertEquals("", out, "nothing may run");
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("pebble: "), err);
        assertTrue(err.contains(name), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        for (String f : fragments) assertTrue(err.contains(f), "expected '" + f + "' in: " + err);
    }

    // ELF32: e_flags at 0x24, e_phoff at 0x1c; ELF64: e_flags at 0x30, e_phoff at 0x20.

    @Test
    void mips32r6ImageIsRefused() throws Exception {
        Path p = patched("strings-o32-be.elf", "r6.elf", b -> b.putInt(0x24, (b.getInt(0x24) & 0x0FFFFFFF) | 0x90000000));
        assertEquals(ExitCodes.HOST_ERROR, run(p));
        assertOneLineError("r6.elf", "MIPS32r6", "R5000");
    }

    @Test
    void mips64r6Elf64ImageIsRefused() throws Exception {
        Path p = patched("strings-n64-le.elf", "r6-64.elf", b -> b.putInt(0x30, (b.getInt(0x30) & 0x0FFFFFFF) | 0xA0000000));
        assertEquals(ExitCodes.HOST_ERROR, run(p));
        assertOneLineError("r6-64.elf", "MIPS64r6", "R5000");
    }

    @Test
    void microMipsImageIsRefused() throws Exception {
        Path p = patched("strings-n32-le.elf", "micro.elf", b -> b.putInt(0x24, b.getInt(0x24) | 0x02000000));
        assertEquals(ExitCodes.HOST_ERROR, run(p));
        assertOneLineError("micro.elf", "microMIPS", "R5000");
    }

    @Test
    void segmentBeyondRamIsRefused() throws Exception {
        // Linked at 0x80100000 = physical 1 MB: nothing of it fits in 1 MB of RAM.
        Path p = dir.resolve("big.elf");
        try (InputStream in = getClass().getResourceAsStream("/c/structs-n64-be.elf")) {
            Files.write(p, in.readAllBytes());
        }
        assertEquals(ExitCodes.HOST_ERROR, run(p, "--ram-mb", "1"));
        assertOneLineError("big.elf", "segment 1 (LOAD at 0xffffffff80100000) ends at physical 0x100de8, past the 1 MB of RAM");
    }

    @Test
    void segmentInMappedKernelSpaceIsRefused() throws Exception {
        // The first PT_LOAD (and the entry) moved to KSEG2 (0xc0100000): no boot monitor could place it there.
        Path p = patched("funcptr-o32-le.elf", "kseg2.elf", b -> {
            b.putInt(0x18, b.getInt(0x18) + 0x40000000);
            int ph = b.getInt(0x1c);
            while (b.getInt(ph) != 1) ph += b.getShort(0x2a); // e_phentsize; PT_LOAD = 1
            b.putInt(ph + 8, 0xC0100000);
        });
        assertEquals(ExitCodes.HOST_ERROR, run(p));
        assertOneLineError("kseg2.elf", "c0100000");
    }

    /**
     * One numbering in every ELF message (issue 16): readelf -l's 0-based program header index, with the
     * segment's type and address. The o32 fixture's program headers are ABIFLAGS, REGINFO, LOAD 0x400000,
     * LOAD 0x80100000, ...: the loader (too little RAM) and the reader (p_filesz > p_memsz) both call the
     * text segment "segment 3 (LOAD at 0x80100000)". Before, the loader counted PT_LOADs from 1 ("segment 2").
     */
    @Test
    void segmentsAreNumberedAsReadelfDoesInEveryMessage() throws Exception {
        Path p = dir.resolve("o32.elf");
        byte[] b;
        try (InputStream in = getClass().getResourceAsStream("/elf/loader/emptytlb-o32-be.elf")) {
            b = in.readAllBytes();
        }
        Files.write(p, b);
        assertEquals(ExitCodes.HOST_ERROR, run(p, "--ram-mb", "1"));
        assertOneLineError("o32.elf", ": segment 3 (LOAD at 0x80100000) ends at physical");

        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int ph3 = buf.getInt(0x1c) + 3 * buf.getShort(0x2a);
        assertEquals(1, buf.getInt(ph3), "program header 3 is a PT_LOAD");
        buf.putInt(ph3 + 16, buf.getInt(ph3 + 20) + 4);   // p_filesz = p_memsz + 4
        Files.write(p, b);
        assertEquals(ExitCodes.HOST_ERROR, run(p));
        assertOneLineError("o32.elf", ": segment 3 (LOAD at 0x80100000) file size 0x114 exceeds its memory size 0x110");
    }
}

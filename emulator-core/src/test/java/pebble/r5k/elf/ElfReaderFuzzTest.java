package pebble.r5k.elf;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, the reader either returns an ElfFile whose whole API works, or throws
 * ElfFormatException with a one-line message starting with the display name. Nothing else.
 */
class ElfReaderFuzzTest {
    private static final String NAME = "fuzz.elf";

    /** Parses in both modes; fails the test on anything but a well-formed ElfFormatException. */
    private static void survive(byte[] b, String what) {
        for (int mode = 0; mode < 2; mode++) {
            try {
                ElfFile f = mode == 0 ? ElfReader.read(b, NAME) : ElfReader.inspect(b, NAME);
                exercise(f);
            } catch (ElfFormatException e) {
                String m = e.getMessage();
                assertTrue(m.startsWith(NAME + ": "), what + ": " + m);
                assertFalse(m.contains("\n") || m.contains("\r"), what + ": multi-line message " + m);
                assertTrue(m.length() > NAME.length() + 2, what + ": empty message");
            } catch (Throwable t) {
                fail(what + " (mode " + mode + "): " + t, t);
            }
        }
    }

    /** Touches everything a caller might, so latent out-of-bounds reads would surface here. */
    private static void exercise(ElfFile f) {
        assertNotNull(f.describe());
        for (ElfSectionInfo s : f.sections()) {
            assertEquals(s.hasFileBytes() ? s.size() : 0, s.bytes().length);
        }
        for (ElfSegment s : f.segments()) {
            assertTrue(Long.compareUnsigned(s.fileBytes().length, s.memSize()) <= 0);
            f.labelFor(s.vaddr());
        }
        for (ElfSymbol y : f.symbols()) {
            f.labelFor(y.value());
            f.findSymbol(y.name());
        }
        f.labelFor(f.entry());
    }

    @Test
    void everyTruncationOfEveryFixture() {
        for (String name : Fixtures.ALL) {
            byte[] full = Fixtures.bytes(name);
            for (int len = 0; len <= full.length; len++) {
                survive(Arrays.copyOf(full, len), name + " truncated to " + len);
            }
        }
    }

    @Test
    void randomByteFlips() {
        Random rnd = new Random(0x5eed_e1f);
        for (String name : Fixtures.ALL) {
            byte[] full = Fixtures.bytes(name);
            for (int iter = 0; iter < 4000; iter++) {
                byte[] b = full.clone();
                int flips = 1 + rnd.nextInt(6);
                for (int k = 0; k < flips; k++) {
                    // half the flips land in the headers and tables, where they matter most
                    int pos = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 0x100)) : rnd.nextInt(b.length);
                    b[pos] ^= (byte) (1 + rnd.nextInt(255));
                }
                survive(b, name + " flip iteration " + iter);
            }
        }
    }

    /** Every 16/32/64-bit field slot of the ELF header and the tables set to boundary values. */
    @Test
    void extremeFieldValues() {
        long[] values = {0, 1, 0x7f, 0xff, 0x7fff, 0xffff, 0x7fffffffL, 0x80000000L, 0xffffffffL,
                Long.MAX_VALUE, Long.MIN_VALUE, -1L};
        for (String name : Fixtures.ALL) {
            byte[] full = Fixtures.bytes(name);
            boolean be = full[5] == 2;
            for (int off = 0; off + 2 <= full.length; off += 2) {
                for (int width : new int[] {2, 4, 8}) {
                    if (off % width != 0 || off + width > full.length) continue;
                    for (long v : values) {
                        byte[] b = full.clone();
                        for (int k = 0; k < width; k++) {
                            int shift = 8 * (be ? width - 1 - k : k);
                            b[off + k] = (byte) (v >>> shift);
                        }
                        survive(b, name + " field @0x" + Integer.toHexString(off) + "/" + width + " = " + v);
                    }
                }
            }
        }
    }

    @Test
    void randomGarbageBehindAValidIdent() {
        Random rnd = new Random(42);
        for (int iter = 0; iter < 20000; iter++) {
            byte[] b = new byte[rnd.nextInt(400)];
            rnd.nextBytes(b);
            if (b.length >= 8) {
                b[0] = 0x7f;
                b[1] = 'E';
                b[2] = 'L';
                b[3] = 'F';
                b[4] = (byte) (1 + rnd.nextInt(2));
                b[5] = (byte) (1 + rnd.nextInt(2));
                b[6] = 1;
                if (b.length > 24) {
                    b[18] = b[5] == 2 ? 0 : (byte) 8;
                    b[19] = b[5] == 2 ? (byte) 8 : 0;
                    b[20] = b[23] = 0;
                    b[b[5] == 2 ? 23 : 20] = 1;
                }
            }
            survive(b, "garbage " + iter);
        }
    }
}

package pebble.r5k.portal.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.gen.PortalValue;
import pebble.r5k.portal.gen.PortalValues;

/**
 * portal-templates.inc assembles, and patching its templates from its own tables (the way the guest
 * server will, implemented here from the table format alone) gives the host generator's installed words.
 */
class PortalTemplateWriterTest {
    private static final long DATA = 0x00500000L;
    private static final PortalValues VALUES = new PortalValues(0x80012340L, 0x80018000L, 6, 0x00400120L,
            0x8765_8321L, 19, 0, 0x8000fff0L, 0x80000400L, 0x80000440L);

    @Test void guestStylePatchingEqualsHostInstall() throws Exception {
        AssembledProgram p = Assembler.assembleString(PortalTemplateWriter.FILE, PortalTemplateWriter.render(),
                AsmOptions.defaults().withData(DATA));
        long table = p.symbol("portal_templates").value();
        assertEquals(table, DATA);
        for (int i = 0; i < PortalTemplateWriter.CATALOGUE.size(); i++) {
            long rec = table + 4L * PortalTemplateWriter.RECORD_WORDS * i;
            assertEquals(PortalTemplateWriter.CATALOGUE.get(i), string(p, word(p, rec)));
            long base = 0x80100000L + 0x1000L * i;
            int[] call = patch(p, word(p, rec + 4), (int) word(p, rec + 8), word(p, rec + 12), (int) word(p, rec + 16), VALUES.withReturnPortal(base + 4 * word(p, rec + 8)), base);
            long retBase = base + 4 * call.length;
            int[] ret = patch(p, word(p, rec + 20), (int) word(p, rec + 24), word(p, rec + 28), (int) word(p, rec + 32), VALUES.withReturnPortal(retBase), retBase);
            int[] guest = new int[call.length + ret.length];
            System.arraycopy(call, 0, guest, 0, call.length);
            System.arraycopy(ret, 0, guest, call.length, ret.length);
            PortalGenerator.Templates host = PortalTemplateWriter.template(i);
            assertArrayEquals(host.install(VALUES, base), guest, PortalTemplateWriter.CATALOGUE.get(i));
        }
    }

    /** The guest algorithm: copy the words, then apply each fixup record. */
    private static int[] patch(AssembledProgram p, long words, int count, long fixups, int fixCount, PortalValues v, long address) {
        int[] out = new int[count];
        for (int k = 0; k < count; k++) out[k] = (int) word(p, words + 4L * k);
        for (int f = 0; f < fixCount; f++) {
            long r = fixups + 4L * PortalTemplateWriter.FIXUP_WORDS * f;
            int offset = (int) word(p, r), reloc = (int) word(p, r + 4), value = (int) word(p, r + 8);
            long x = v.get(PortalValue.values()[value]) + (int) word(p, r + 12);
            int field = (int) word(p, r + 16);
            int at = offset / 4;
            switch (PortalTemplateWriter.RELOCS.get(reloc)) {
                case HI16 -> out[at] = (out[at] & 0xFFFF0000) | (int) (((x + 0x8000) >> 16) & 0xFFFF);
                case LO16 -> out[at] = (out[at] & 0xFFFF0000) | (int) (x & 0xFFFF);
                case ABS26 -> out[at] = (out[at] & 0xFC000000) | (int) ((x >> 2) & 0x03FFFFFF);
                case FIELD -> {
                    int lsb = field >>> 8, width = field & 0xFF;
                    int mask = (int) (((1L << width) - 1) << lsb);
                    out[at] = (out[at] & ~mask) | ((int) (x << lsb) & mask);
                }
                default -> throw new AssertionError("relocation " + reloc);
            }
        }
        return out;
    }

    private static long word(AssembledProgram p, long addr) {
        return (long) (p.byteAt(addr) & 0xFF) << 24 | (p.byteAt(addr + 1) & 0xFF) << 16 | (p.byteAt(addr + 2) & 0xFF) << 8 | (p.byteAt(addr + 3) & 0xFF);
    }

    private static String string(AssembledProgram p, long addr) {
        StringBuilder s = new StringBuilder();
        for (int c; (c = p.byteAt(addr)) != 0; addr++) s.append((char) c);
        return s.toString();
    }
}

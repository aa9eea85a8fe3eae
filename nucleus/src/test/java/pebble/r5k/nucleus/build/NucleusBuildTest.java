package pebble.r5k.nucleus.build;

import org.junit.jupiter.api.Test;
import pebble.r5k.nucleus.layout.NucleusLayout;

import static org.junit.jupiter.api.Assertions.*;

class NucleusBuildTest {
    @Test
    void vectorsSitAtTheArchitecturalAddresses() {
        NucleusImage n = NucleusBuild.image();
        assertEquals(0x80000000L, n.symbol("nucleus_refill"));
        assertEquals(0x80000080L, n.symbol("nucleus_xtlb_refill"));
        assertEquals(0x80000180L, n.symbol("nucleus_general"));
        assertEquals(n.symbol("nucleus_boot"), n.entry());
        assertEquals(0, n.symbol("user_vector_page") % 4096, "the user vector page is a page of its own");
        assertTrue(n.end() <= NucleusLayout.PORTAL_CODE_BASE);
    }
}

package pebble.r5k.portal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.portal.server.PortalManagerAbi.PM_ERR_SPEC;
import static pebble.r5k.portal.server.PortalManagerServerTest.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.portal.spec.PortalSpecException;

/**
 * The guest parser accepts exactly the specs the host parser accepts (docs/portal-spec.md): the limits
 * and 30 random 12-byte spec buffers over the grammar's characters, a wrong letter, a NUL and a high byte, on one run.
 * A valid one gets an address in the code window, an invalid one PM_ERR_SPEC, and the server keeps going.
 */
class GuestSpecParserTest {
    static boolean hostAccepts(String buffer) {
        int nul = buffer.indexOf('\0');
        try {
            PortalSpec.parse(nul < 0 ? buffer : buffer.substring(0, nul));
            return true;
        } catch (PortalSpecException e) {
            return false;
        }
    }

    @Test
    void guestAndHostAgreeOnRandomSpecBuffers() {
        Random r = new Random(7);
        String alphabet = "snmpicw=icx\0\u00ff";
        // the limits first: two windows, 8 and 9 arguments, no arguments, a NUL ending the string early
        List<String> buffers = new ArrayList<>(List.of("npww", "smiwiw", "smcccccccc", "smccccccccc", "sm", "smi\0w",
                "s", "", "np=wi=ic", "nmwiiiiiiiii"));
        while (buffers.size() < 40) {
            StringBuilder b = new StringBuilder().append("sn".charAt(r.nextInt(2))).append("mp".charAt(r.nextInt(2)));
            int len = r.nextInt(12);
            for (int k = 0; k < len && b.length() < 12; k++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            if (r.nextInt(6) == 0) b.setCharAt(r.nextInt(2), "x\0\u00ffi".charAt(r.nextInt(4)));
            buffers.add(b.toString());
        }
        StringBuilder reqs = new StringBuilder();
        for (int i = 0; i < buffers.size(); i++) reqs.append(request(buffers.get(i), i, 0));
        Run run = run(true, IDLE_CLIENT, maker(reqs.toString(), buffers.size()));
        String[] lines = run.console().split("\n");
        assertEquals(buffers.size(), lines.length, run.console());
        int valid = 0;
        for (int i = 0; i < buffers.size(); i++) {
            boolean ok = hostAccepts(buffers.get(i));
            valid += ok ? 1 : 0;
            String shown = buffers.get(i).replace("\0", "\\0");
            if (ok) assertEquals("8012", lines[i].substring(0, 4), shown);
            else assertEquals(String.format("%08x", PM_ERR_SPEC), lines[i], shown);
        }
        // both kinds occur, so neither half of the comparison is vacuous
        assertEquals(true, valid > 5 && valid < buffers.size() - 5, valid + " valid");
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
    }
}

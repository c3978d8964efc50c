package fr.bdfsync.core.pkg;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte-level key filter of the key scan agrees with a lookup of the decoded String. */
class WantedKeysTest {
    @Test
    void asciiBytesMatchExactlyTheWantedKeysAndNonAsciiIsLeftToDecoding() {
        Random r = new Random(3);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 5_000; i++) keys.add(String.format("ZONEVEGE%016d", r.nextInt(2_000_000)));
        keys.add("");
        keys.add("TRON_EAU00000001\u00e9"); // non-ASCII wanted key
        WantedKeys wanted = new WantedKeys(keys);
        byte[] buf = new byte[64];
        for (int i = 0; i < 200_000; i++) {
            String s = i % 3 == 0 ? String.format("ZONEVEGE%016d", r.nextInt(2_000_000)) : i % 3 == 1 ? "K" + r.nextInt(1000) : "ZONEVEGE";
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            int at = r.nextInt(buf.length - b.length + 1);
            System.arraycopy(b, 0, buf, at, b.length);
            assertEquals(keys.contains(s), wanted.mayHold(buf, at, b.length), s);
        }
        for (String k : keys) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            assertTrue(wanted.mayHold(b, 0, b.length), k);
        }
        byte[] accented = "ZONEVEGE\u00e9".getBytes(StandardCharsets.UTF_8);
        assertTrue(wanted.mayHold(accented, 0, accented.length), "non-ASCII bytes are decided on the decoded String");
        assertTrue(wanted.mayHold(new byte[]{'A', (byte) 0xff}, 0, 2), "malformed UTF-8 is decided on the decoded String");
    }
}

package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.Schema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@code bdfsync-row-sha256/1} against a direct transcription of docs/package-format.md, section 2. */
class RowFingerprintTest {
    private static final Schema SCHEMA = new Schema("t", List.of(new Field("nature", FieldType.TEXT), new Field("hauteur", FieldType.REAL),
            new Field("cleabs", FieldType.TEXT), new Field("n", FieldType.INTEGER), new Field("ok", FieldType.BOOLEAN), new Field("b", FieldType.BLOB)),
            "geom", GeometryType.POLYGON, false, false, PkgFixtures.L93, "fid");

    /** name, 0, value, 0x1E per attribute in name order; then 'N' or 'G' + WKB. */
    private static byte[] spec(Object[][] byName, byte[] wkb, int offset) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Object[] nv : byName) {
            sha.update(((String) nv[0]).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            Object v = nv[1];
            if (v == null) sha.update((byte) 'N');
            else if (v instanceof Long) sha.update(tagged('I', (Long) v));
            else if (v instanceof Double) sha.update(tagged('R', Double.doubleToLongBits((Double) v)));
            else if (v instanceof Boolean) sha.update(new byte[]{'B', (byte) (((Boolean) v) ? 1 : 0)});
            else if (v instanceof byte[]) {
                sha.update((byte) 'X');
                sha.update((byte[]) v);
            } else {
                sha.update((byte) 'T');
                sha.update(v.toString().getBytes(StandardCharsets.UTF_8));
            }
            sha.update((byte) 0x1E);
        }
        if (wkb == null) sha.update((byte) 'N');
        else {
            sha.update((byte) 'G');
            sha.update(wkb, offset, wkb.length - offset);
        }
        return sha.digest();
    }

    private static byte[] tagged(char tag, long l) {
        byte[] b = new byte[9];
        b[0] = (byte) tag;
        for (int i = 8; i >= 1; i--) {
            b[i] = (byte) l;
            l >>>= 8;
        }
        return b;
    }

    @Test
    void digestFollowsTheSpecAndUtf8TextEqualsItsString() throws Exception {
        RowFingerprint f = new RowFingerprint(SCHEMA);
        byte[] wkb = new byte[700];
        for (int i = 0; i < wkb.length; i++) wkb[i] = (byte) (i * 31);
        String nature = "Forêt fermée " + "x".repeat(600); // longer than the fingerprint's initial buffer
        Object[] values = {nature, 12.0, "ZONEVEGE0000000000000001", 7L, true, new byte[]{1, 2, 3}};
        byte[] expected = spec(new Object[][]{{"b", new byte[]{1, 2, 3}}, {"cleabs", "ZONEVEGE0000000000000001"}, {"hauteur", 12L},
                {"n", 7L}, {"nature", nature}, {"ok", true}}, wkb, 8);
        assertArrayEquals(expected, f.digest(values, wkb, 8));
        byte[] page = ("..ZONEVEGE0000000000000001..").getBytes(StandardCharsets.US_ASCII);
        values[2] = new RowFingerprint.Utf8Text().set(page, 2, 24);
        assertArrayEquals(expected, f.digest(values, wkb, 8));
        Object[] others = {null, 0.5, null, null, false, null};
        assertArrayEquals(spec(new Object[][]{{"b", null}, {"cleabs", null}, {"hauteur", 0.5}, {"n", null}, {"nature", null}, {"ok", false}}, null, 0),
                f.digest(others, null, 0));
    }
}

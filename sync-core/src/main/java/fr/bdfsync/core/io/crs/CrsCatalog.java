package fr.bdfsync.core.io.crs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRSs bdfsync knows by heart: metropolitan Lambert-93, the overseas national CRSs, WGS84 and RGF93
 * geographic, the nine CC zones and the WGS84 UTM zones used overseas. Each entry's OGC WKT 1, ESRI name and
 * PROJ.4 string were produced by GDAL ({@code gdalsrsinfo}, see {@code sync-core/tools/gen_known_crs.py})
 * and are stored in the resource {@code known-crs.json}.
 */
public final class CrsCatalog {
    private static final String RESOURCE = "known-crs.json";
    private static final Map<Integer, Entry> BY_CODE = load();

    private CrsCatalog() {
    }

    /** One known CRS. */
    public record Entry(int code, String name, String esriName, String proj4, String wkt) {
    }

    /** The entry of an EPSG code, or null. */
    public static Entry byCode(int code) {
        return BY_CODE.get(code);
    }

    public static List<Entry> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_CODE.values()));
    }

    private static Map<Integer, Entry> load() {
        try (InputStream in = CrsCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " missing from the build");
            JsonNode root = new ObjectMapper().readTree(in);
            Map<Integer, Entry> m = new LinkedHashMap<>();
            for (JsonNode n : root.get("crs")) {
                Entry e = new Entry(n.get("code").asInt(), n.get("name").asText(), n.get("esriName").asText(),
                        n.get("proj4").asText(), n.get("wkt").asText());
                m.put(e.code(), e);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

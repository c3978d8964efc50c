package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** WKT shorthand for tests. */
final class G {
    private G() {
    }

    static Geometry wkt(String s) {
        try {
            return new WKTReader().read(s);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

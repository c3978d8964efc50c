package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;

import java.nio.file.Path;
import java.util.List;

/** Writes one-layer GeoPackages in EPSG:2154 from WKT for tests. */
final class Fixtures {
    static final CrsRef L93 = CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", null);

    private Fixtures() {
    }

    /** rows: {fid, key-or-null, nature, wkt}; the key column is {@code cleabs} when {@code keyed}. */
    static Path layer(Path file, String layer, GeometryType type, boolean keyed, Object[]... rows) {
        List<Field> fields = keyed ? List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT))
                : List.of(new Field("type", FieldType.TEXT));
        Schema s = new Schema(layer, fields, "geom", type, false, false, L93, "fid");
        try (GpkgWriter w = GpkgWriter.create(file)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            for (Object[] r : rows) {
                Object[] values = keyed ? new Object[]{r[1], r[2]} : new Object[]{r[2]};
                lw.write(new Feature(((Number) r[0]).longValue(), values, GeometryValue.of(G.wkt((String) r[3]))));
            }
            w.commit();
        }
        return file;
    }
}

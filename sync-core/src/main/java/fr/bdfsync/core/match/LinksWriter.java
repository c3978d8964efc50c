package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the link table for review in QGIS: layer {@code attach_links}, one row per link with a line from the local
 * feature's representative point (middle of a line, interior point of a polygon) to the national one's; layer
 * {@code attach_unmatched}, one point per unmatched local feature.
 */
public final class LinksWriter {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final List<Field> FIELDS = List.of(
            new Field("link_id", FieldType.TEXT), new Field("local_layer", FieldType.TEXT), new Field("local_fid", FieldType.INTEGER),
            new Field("national_layer", FieldType.TEXT), new Field("national_key", FieldType.TEXT), new Field("national_fid", FieldType.INTEGER),
            new Field("cardinality", FieldType.TEXT), new Field("confidence", FieldType.REAL), new Field("rule", FieldType.TEXT),
            new Field("status", FieldType.TEXT), new Field("link_group", FieldType.TEXT), new Field("reason", FieldType.TEXT),
            new Field("measures", FieldType.TEXT));

    private LinksWriter() {
    }

    public static void write(Path target, CrsRef crs, List<AttachResult> results) {
        write(target, crs, results, results.stream().map(r -> MeasuresJson.of(r.links())).toList());
    }

    /**
     * As {@link #write(Path, CrsRef, List)}, with each result's measures already written ({@link MeasuresJson#of(List)},
     * one list per result, in its links' order): the sync state stores the same text.
     */
    public static void write(Path target, CrsRef crs, List<AttachResult> results, List<List<String>> measures) {
        Schema links = new Schema("attach_links", FIELDS, "geom", GeometryType.LINESTRING, false, false, crs, "fid");
        Schema unmatched = new Schema("attach_unmatched", FIELDS, "geom", GeometryType.POINT, false, false, crs, "fid");
        try (GpkgWriter w = GpkgWriter.create(target)) {
            GpkgWriter.LayerWriter lw = w.addLayer(links);
            GpkgWriter.LayerWriter uw = w.addLayer(unmatched);
            for (int k = 0; k < results.size(); k++) {
                AttachResult r = results.get(k);
                List<String> json = measures.get(k);
                for (int i = 0; i < r.links().size(); i++) {
                    Link l = r.links().get(i);
                    Coordinate from = r.localPoints().get(l.localFid());
                    Object[] v = values(r, l, json.get(i));
                    if (l.status() == LinkStatus.UNMATCHED) {
                        uw.write(new Feature(0, v, from == null ? null : GeometryValue.of(GF.createPoint(from))));
                    } else {
                        Coordinate to = r.nationalPoints().get(l.nationalKey());
                        GeometryValue g = from == null || to == null ? null : GeometryValue.of(GF.createLineString(new Coordinate[]{from, to}));
                        lw.write(new Feature(0, v, g));
                    }
                }
            }
            w.commit();
        }
    }

    /** The id users quote to confirm or reject a link. */
    public static String linkId(String localLayer, Link l) {
        return localLayer + ":" + l.localFid() + ":" + (l.nationalKey() == null ? "" : l.nationalKey());
    }

    private static Object[] values(AttachResult r, Link l, String measures) {
        return new Object[]{linkId(r.localLayer(), l), r.localLayer(), l.localFid(), r.nationalLayer(), l.nationalKey(),
                l.nationalFid() < 0 ? null : l.nationalFid(), l.cardinality().label(), l.confidence(), l.rule(), l.status().label(),
                l.group(), l.reason(), measures};
    }
}

package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AbstractFeatureCursor;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.OpenOptions;
import fr.bdfsync.core.io.SingleLayer;
import fr.bdfsync.core.io.crs.CrsResolver;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ESRI Shapefile read by hand (GeoTools, which has a reader, is not on Maven Central): one layer named
 * after the file, features streamed from the .shp and the .dbf side by side (record n of one is record n of
 * the other), deleted .dbf records skipped. The fid of a feature is its 1-based record number. The CRS comes
 * from the .prj (identified as an EPSG code, see {@link CrsResolver#fromPrj}); the text encoding from the user,
 * the .cpg or the .dbf language driver (see {@link DbfEncoding}). Field names are kept as stored, truncated to
 * 10 characters: the theme catalogue maps them to full names.
 */
public final class ShapefileDataset implements Dataset {
    private final Path shp;
    private final Path dbf;
    private final SingleLayer layer;
    private final DbfEncoding encoding;
    private final boolean withM;
    private Long count;

    private ShapefileDataset(Path shp, Path dbf, Schema schema, DbfEncoding encoding, boolean withM) {
        this.shp = shp;
        this.dbf = dbf;
        this.layer = new SingleLayer(shp, schema);
        this.encoding = encoding;
        this.withM = withM;
    }

    /** Opens a .shp with its .dbf (required), .prj and .cpg (optional). */
    public static ShapefileDataset open(Path shp, OpenOptions options) {
        if (!Files.isRegularFile(shp)) throw BdfsyncException.notFound(shp, "no such file");
        String layer = SingleLayer.baseName(shp);
        Path dbf = sibling(shp, "dbf");
        if (dbf == null) throw BdfsyncException.notFound(shp, "the .dbf file that goes with this .shp is missing");
        ShapeType type;
        boolean withM;
        try (ShpReader r = ShpReader.open(shp, layer)) {
            type = r.shapeType();
            withM = type.measuresOnly();
            if (type.z) {
                while (r.next()) {
                    if (r.geometryIsNull()) continue;
                    withM = r.recordHasMeasures();
                    break;
                }
            }
        }
        DbfEncoding encoding;
        List<Field> fields = new ArrayList<>();
        try (DbfReader d = DbfReader.open(dbf, layer)) {
            encoding = encoding(shp, d.languageDriver(), options.encoding());
            for (DbfField f : d.fields()) fields.add(new Field(f.name(), f.fieldType()));
        }
        CrsRef crs = readPrj(shp, layer, options.assumedCrs() != null);
        boolean hasGeometry = type != ShapeType.NULL;
        Schema schema = new Schema(layer, fields, hasGeometry ? "geometry" : null, type.geometryType, type.z, withM, crs, null);
        return new ShapefileDataset(shp, dbf, schema, encoding, withM);
    }

    private static DbfEncoding encoding(Path shp, int ldid, Charset forced) {
        if (forced != null) return DbfEncoding.forced(forced);
        Path cpg = sibling(shp, "cpg");
        if (cpg != null) {
            String text;
            try {
                text = Files.readString(cpg, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw BdfsyncException.invalid(cpg, null, null, "cannot read: " + e.getMessage(), e);
            }
            if (!text.isBlank()) return DbfEncoding.declared(DbfEncoding.fromCpg(text, cpg), "the .cpg file (" + text.trim() + ")");
        }
        Charset byDriver = DbfEncoding.fromLanguageDriver(ldid);
        if (byDriver != null) return DbfEncoding.declared(byDriver, "the .dbf language driver 0x" + Integer.toHexString(ldid));
        return DbfEncoding.auto();
    }

    /** The CRS of the .prj; when the user names one, an unidentified .prj counts as none (the user's CRS then applies). */
    private static CrsRef readPrj(Path shp, String layer, boolean userNamesOne) {
        Path prj = sibling(shp, "prj");
        if (prj == null) return CrsRef.UNDEFINED_CARTESIAN;
        String wkt;
        try {
            wkt = Files.readString(prj, StandardCharsets.ISO_8859_1).trim();
        } catch (IOException e) {
            throw BdfsyncException.invalid(prj, layer, null, "cannot read: " + e.getMessage(), e);
        }
        if (wkt.isEmpty()) return CrsRef.UNDEFINED_CARTESIAN;
        try {
            return CrsResolver.fromPrj(wkt, prj, layer);
        } catch (BdfsyncException e) {
            if (userNamesOne && e.exitCode() == ExitCode.CRS) return new CrsRef(-1, "NONE", -1, "unidentified .prj", wkt);
            throw e;
        }
    }

    /** The companion file with this extension (lower or upper case), or null. */
    static Path sibling(Path shp, String ext) {
        String base = shp.getFileName().toString();
        base = base.substring(0, base.length() - 4);
        for (String e : new String[]{ext, ext.toUpperCase(java.util.Locale.ROOT)}) {
            Path p = shp.resolveSibling(base + "." + e);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** The charset the .dbf is decoded with (the declared, forced or UTF-8 in automatic mode). */
    public Charset encoding() {
        return encoding.charset();
    }

    @Override
    public Path path() {
        return shp;
    }

    @Override
    public String format() {
        return "ESRI Shapefile";
    }

    @Override
    public List<String> layerNames() {
        return List.of(layer.schema().layer());
    }

    @Override
    public Schema schema(String name) {
        return layer.require(name);
    }

    @Override
    public long count(String name) {
        Schema s = layer.require(name);
        if (count == null) {
            try (DbfReader d = DbfReader.open(dbf, s.layer())) {
                count = d.countLive();
            }
        }
        return count;
    }

    @Override
    public FeatureCursor read(String name) {
        Schema s = layer.require(name);
        ShpReader geometries = ShpReader.open(shp, s.layer());
        DbfReader attributes;
        try {
            attributes = DbfReader.open(dbf, s.layer());
        } catch (RuntimeException e) {
            geometries.close();
            throw e;
        }
        attributes.setEncoding(encoding);
        geometries.setWithM(withM);
        return new Cursor(s.layer(), geometries, attributes);
    }

    @Override
    public void close() {
        // every cursor owns its own streams
    }

    private final class Cursor extends AbstractFeatureCursor {
        private final String layerName;
        private final ShpReader geometries;
        private final DbfReader attributes;

        Cursor(String layerName, ShpReader geometries, DbfReader attributes) {
            this.layerName = layerName;
            this.geometries = geometries;
            this.attributes = attributes;
        }

        @Override
        protected Feature fetch() {
            while (attributes.next()) {
                if (!geometries.next()) {
                    throw BdfsyncException.invalid(shp, layerName, "record " + attributes.recordNumber(),
                            "the .shp has fewer records than the .dbf (" + attributes.recordCount() + ")");
                }
                if (attributes.deleted()) continue;
                Object[] values = attributes.values();
                Geometry g = geometries.geometry();
                return new Feature(geometries.recordNumber(), values, g == null ? null : GeometryValue.of(g));
            }
            return null;
        }

        @Override
        protected void release() {
            geometries.close();
            attributes.close();
        }
    }
}

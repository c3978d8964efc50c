package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.IsoWkb;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AtomicOutput;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.attributes.AttributesColumn;
import mil.nga.geopackage.attributes.AttributesTableMetadata;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a new GeoPackage atomically: NGA geopackage-java creates the file and its metadata tables
 * ({@code gpkg_spatial_ref_sys}, {@code gpkg_contents}, {@code gpkg_geometry_columns}) and each layer's
 * table; rows go in through one prepared statement per layer in a single transaction. Nothing appears under
 * the target name until {@link #commit()}; closing without committing discards everything.
 */
public final class GpkgWriter implements AutoCloseable {
    private final AtomicOutput output;
    private final GeoPackage geoPackage;
    private final Connection connection;
    private final List<LayerWriter> layers = new ArrayList<>();
    private boolean committed;

    private GpkgWriter(AtomicOutput output, GeoPackage geoPackage) {
        this.output = output;
        this.geoPackage = geoPackage;
        this.connection = geoPackage.getConnection().getConnection();
    }

    public static GpkgWriter create(Path target) {
        AtomicOutput out = AtomicOutput.begin(target);
        try {
            GeoPackageManager.create(out.temporary().toFile(), false);
            GeoPackage gp = GeoPackageManager.open(out.temporary().toFile(), true);
            return new GpkgWriter(out, gp);
        } catch (RuntimeException e) {
            out.close();
            throw BdfsyncException.output(target, "cannot create GeoPackage: " + e.getMessage(), e);
        }
    }

    public Path target() {
        return output.target();
    }

    /**
     * For a scratch file that is read once and then deleted (a contribution package's {@code changes.gpkg}, copied into
     * the package zip): SQLite no longer waits for the disk at each commit ({@code PRAGMA synchronous = OFF}). The bytes
     * written are the same; only a power loss during the writing could leave the scratch file incomplete.
     */
    public GpkgWriter withoutFsync() {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("PRAGMA synchronous = OFF");
        } catch (SQLException e) {
            throw BdfsyncException.output(output.target(), "cannot set synchronous: " + e.getMessage(), e);
        }
        return this;
    }

    /** Creates a layer with the given schema; its rows are then written with {@link LayerWriter#write}. */
    public LayerWriter addLayer(Schema schema) {
        checkName(schema.layer(), schema.layer(), "layer");
        if (schema.geometryColumn() != null) checkName(schema.layer(), schema.geometryColumn(), "geometry column");
        for (Field f : schema.fields()) checkName(schema.layer(), f.name(), "column");
        try {
            // NGA runs its DDL through its own connection source: leave our row transaction first
            if (!connection.getAutoCommit()) {
                connection.commit();
                connection.setAutoCommit(true);
            }
            String pk = pickPrimaryKey(schema);
            if (schema.hasGeometry()) {
                geoPackage.createGeometryColumnsTable();
                SpatialReferenceSystem srs = srsFor(schema.crs());
                GeometryColumns gc = new GeometryColumns();
                gc.setId(new TableColumnKey(schema.layer(), schema.geometryColumn()));
                gc.setGeometryType(mil.nga.sf.GeometryType.valueOf(schema.geometryType().name()));
                gc.setZ((byte) (schema.hasZ() ? 1 : 0));
                gc.setM((byte) (schema.hasM() ? 1 : 0));
                gc.setSrs(srs);
                List<FeatureColumn> cols = new ArrayList<>();
                for (Field f : schema.fields()) cols.add(FeatureColumn.createColumn(f.name(), dataType(f.type())));
                geoPackage.createFeatureTable(FeatureTableMetadata.create(gc, pk, cols));
            } else {
                List<AttributesColumn> cols = new ArrayList<>();
                for (Field f : schema.fields()) cols.add(AttributesColumn.createColumn(f.name(), dataType(f.type())));
                geoPackage.createAttributesTable(AttributesTableMetadata.create(schema.layer(), pk, cols));
            }
            connection.setAutoCommit(false);
            LayerWriter lw = new LayerWriter(schema, pk);
            layers.add(lw);
            return lw;
        } catch (SQLException | RuntimeException e) {
            throw BdfsyncException.output(output.target(), "cannot create layer '" + schema.layer() + "': " + e.getMessage(), e);
        }
    }

    /**
     * NGA quotes table and column names in its DDL without doubling inner quotes, so a hostile name such as
     * {@code x"; DROP TABLE y; --} would become SQL. Such names are refused before NGA sees them.
     */
    private void checkName(String layer, String name, String what) {
        boolean bad = name.isEmpty();
        for (int i = 0; i < name.length() && !bad; i++) {
            char c = name.charAt(i);
            bad = c == '"' || c == '`' || Character.isISOControl(c);
        }
        if (bad) {
            throw new BdfsyncException(ExitCode.INVALID_INPUT, BdfsyncException.where(output.target(), layer, null,
                    what + " name '" + name.replaceAll("\\p{Cntrl}", "?") + "' is empty or contains a quote or control character: refused"));
        }
    }

    private static String pickPrimaryKey(Schema schema) {
        String pk = schema.primaryKey() != null ? schema.primaryKey() : "fid";
        while (schema.indexOfIgnoreCase(pk) >= 0 || (schema.geometryColumn() != null && schema.geometryColumn().equalsIgnoreCase(pk))) {
            pk = pk + "_";
        }
        return pk;
    }

    private SpatialReferenceSystem srsFor(CrsRef crs) throws SQLException {
        SpatialReferenceSystemDao dao = geoPackage.getSpatialReferenceSystemDao();
        if (crs == null || crs.isUndefined()) return dao.queryForId(crs != null && crs.srsId() == 0 ? 0L : -1L);
        SpatialReferenceSystem existing = dao.queryForId((long) crs.srsId());
        if (existing != null) return existing;
        String definition = crs.definition();
        if (definition == null || definition.isBlank() || "undefined".equals(definition)) {
            definition = crs.isEpsg() ? KnownCrs.wkt(crs.code()) : null;
            if (definition == null && crs.isEpsg()) return dao.getOrCreateCode("EPSG", crs.code());
        }
        SpatialReferenceSystem srs = new SpatialReferenceSystem();
        srs.setSrsId(crs.srsId());
        srs.setSrsName(crs.name() != null ? crs.name() : crs.label());
        srs.setOrganization(crs.organization() != null ? crs.organization() : "NONE");
        srs.setOrganizationCoordsysId(crs.code());
        srs.setDefinition(definition != null ? definition : "undefined");
        dao.create(srs);
        return srs;
    }

    private static GeoPackageDataType dataType(FieldType t) {
        switch (t) {
            case INTEGER: return GeoPackageDataType.INTEGER;
            case REAL: return GeoPackageDataType.REAL;
            case BOOLEAN: return GeoPackageDataType.BOOLEAN;
            case DATE: return GeoPackageDataType.DATE;
            case DATETIME: return GeoPackageDataType.DATETIME;
            case BLOB: return GeoPackageDataType.BLOB;
            default: return GeoPackageDataType.TEXT;
        }
    }

    /** Writes the rows of one layer. */
    public final class LayerWriter {
        private final Schema schema;
        private final PreparedStatement insert;
        private final Envelope extent = new Envelope();
        private final int srsId;
        private long count;

        private LayerWriter(Schema schema, String pk) throws SQLException {
            this.schema = schema;
            this.srsId = schema.crs() == null ? -1 : schema.crs().srsId();
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(Sql.id(schema.layer())).append(" (").append(Sql.id(pk));
            StringBuilder q = new StringBuilder("?");
            for (Field f : schema.fields()) {
                sql.append(", ").append(Sql.id(f.name()));
                q.append(", ?");
            }
            if (schema.hasGeometry()) {
                sql.append(", ").append(Sql.id(schema.geometryColumn()));
                q.append(", ?");
            }
            sql.append(") VALUES (").append(q).append(')');
            this.insert = connection.prepareStatement(sql.toString());
        }

        public Schema schema() {
            return schema;
        }

        /** Writes a feature; its fid is kept when positive, else SQLite assigns one. */
        public void write(Feature f) {
            try {
                if (f.fid() > 0) insert.setLong(1, f.fid());
                else insert.setNull(1, Types.INTEGER);
                List<Field> fields = schema.fields();
                for (int i = 0; i < fields.size(); i++) bind(i + 2, fields.get(i).type(), f.values()[i]);
                if (schema.hasGeometry()) {
                    GeometryValue g = f.geometry();
                    if (g == null) insert.setNull(fields.size() + 2, Types.BLOB);
                    else insert.setBytes(fields.size() + 2, blob(g));
                }
                Statements.runOnce(insert);
                count++;
            } catch (SQLException e) {
                throw BdfsyncException.output(output.target(), "layer '" + schema.layer() + "': cannot write feature fid "
                        + f.fid() + ": " + e.getMessage(), e);
            }
        }

        private byte[] blob(GeometryValue g) {
            byte[] stored = g.storedBytes();
            // stored GeoPackage bytes of the same CRS are written as they are (parsed or not: parsing never changes them)
            if (g.wkbOffset() > 0 && GpkgGeometry.srsId(stored) == srsId) {
                Envelope e = GpkgGeometry.headerEnvelope(stored);
                if (e != null) extent.expandToInclude(e);
                else extent.expandToInclude(g.envelope());
                return stored;
            }
            Geometry geom = g.geometry();
            extent.expandToInclude(geom.getEnvelopeInternal());
            return GpkgGeometry.encode(IsoWkb.write(geom, schema.hasZ(), schema.hasM()), geom, srsId);
        }

        private void bind(int index, FieldType type, Object v) throws SQLException {
            if (v == null) {
                insert.setNull(index, Types.NULL);
                return;
            }
            switch (type) {
                case INTEGER:
                    if (v instanceof Number) insert.setLong(index, ((Number) v).longValue());
                    else insert.setString(index, v.toString());
                    break;
                case REAL:
                    if (v instanceof Number) insert.setDouble(index, ((Number) v).doubleValue());
                    else insert.setString(index, v.toString());
                    break;
                case BOOLEAN:
                    if (v instanceof Boolean) insert.setInt(index, ((Boolean) v) ? 1 : 0);
                    else if (v instanceof Number) insert.setInt(index, ((Number) v).intValue() != 0 ? 1 : 0);
                    else insert.setString(index, v.toString());
                    break;
                case BLOB:
                    if (v instanceof byte[]) insert.setBytes(index, (byte[]) v);
                    else insert.setString(index, v.toString());
                    break;
                default:
                    insert.setString(index, v.toString());
            }
        }

        public long count() {
            return count;
        }

        private void finish() throws SQLException {
            insert.close();
            if (schema.hasGeometry() && !extent.isNull()) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE lower(table_name) = ?")) {
                    ps.setDouble(1, extent.getMinX());
                    ps.setDouble(2, extent.getMinY());
                    ps.setDouble(3, extent.getMaxX());
                    ps.setDouble(4, extent.getMaxY());
                    ps.setString(5, schema.layer().toLowerCase(Locale.ROOT));
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Finishes every layer, closes the file and renames it onto the target. */
    public void commit() {
        try {
            for (LayerWriter lw : layers) lw.finish();
            if (!connection.getAutoCommit()) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw BdfsyncException.output(output.target(), "cannot finish GeoPackage: " + e.getMessage(), e);
        }
        geoPackage.close();
        output.commit();
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                if (!connection.getAutoCommit()) connection.rollback();
            } catch (SQLException ignored) {
                // discarded anyway
            }
            geoPackage.close();
        }
        output.close();
    }
}

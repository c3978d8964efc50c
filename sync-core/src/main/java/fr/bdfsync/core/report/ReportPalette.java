package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.ConflictType;

import java.util.Locale;

/**
 * The colours shared by the HTML map and the QGIS styles, so both forms read the same way: one colour per
 * conflict type (a qualitative palette readable on white, after ColorBrewer "Paired"/"Dark2"), one style per
 * version of a geometry (ancestor grey dashed, national blue, local orange).
 */
public final class ReportPalette {
    private ReportPalette() {
    }

    /** The three versions of a conflicting feature, in display order. */
    public enum Version {
        ANCESTOR("#7f7f7f"), NATIONAL("#1f5fbf"), LOCAL("#e66c00");

        private final String colour;

        Version(String colour) {
            this.colour = colour;
        }

        public String colour() {
            return colour;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The colour of a conflict type, as {@code #rrggbb}. */
    public static String colour(ConflictType type) {
        switch (type) {
            case EDIT_EDIT_ATTRIBUTE: return "#1f78b4";
            case EDIT_EDIT_GEOMETRY: return "#e31a1c";
            case DELETE_EDIT: return "#6a3d9a";
            case EDIT_DELETE: return "#cab2d6";
            case INSERT_INSERT: return "#33a02c";
            case INVALID_GEOMETRY: return "#b15928";
            case OVERLAP: return "#ff7f00";
            case DISCONNECTED: return "#17becf";
            case DANGLING_REFERENCE: return "#a6cee3";
            case DOUBLE_COUNTED: return "#b2df8a";
            case SCOPE: return "#fb9a99";
            case STALE_BASE: return "#4d4d4d";
            default: throw new IllegalArgumentException(type.toString());
        }
    }

    /** "r,g,b,255" as QGIS writes colours in QML. */
    public static String qgisColour(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return ((rgb >> 16) & 255) + "," + ((rgb >> 8) & 255) + "," + (rgb & 255) + ",255";
    }

    /** A label for people: "edit/edit attribute". */
    public static String label(ConflictType type) {
        return type.code().replace("edit_edit", "edit/edit").replace("delete_edit", "delete/edit")
                .replace("edit_delete", "edit/delete").replace("insert_insert", "insert/insert").replace('_', ' ');
    }
}

package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.ConflictType;

import java.util.ArrayList;
import java.util.List;

/**
 * QGIS layer styles (QML) for the GeoPackage form, as QGIS stores them in {@code layer_styles}: a
 * categorized renderer on {@code type} for the conflict points (the colours of {@link ReportPalette}) and
 * on {@code version} for the geometries (ancestor grey dashed, national blue, local orange). Symbol layer
 * properties are written both as {@code <Option>} maps (QGIS 3.26 and later) and as {@code <prop>}
 * elements (earlier 3.x), which QGIS reads when no Option map is present.
 */
final class QmlStyle {
    private QmlStyle() {
    }

    /** Symbol kinds QGIS knows. */
    enum Kind {
        MARKER("marker", "SimpleMarker"), LINE("line", "SimpleLine"), FILL("fill", "SimpleFill");

        final String symbolType, layerClass;

        Kind(String symbolType, String layerClass) {
            this.symbolType = symbolType;
            this.layerClass = layerClass;
        }
    }

    private record Category(String value, String label, String colour, boolean dashed) {
    }

    static String points() {
        List<Category> cats = new ArrayList<>();
        for (ConflictType t : ConflictType.values()) cats.add(new Category(t.code(), ReportPalette.label(t), ReportPalette.colour(t), false));
        return categorized("type", Kind.MARKER, cats);
    }

    static String geometries(Kind kind) {
        List<Category> cats = new ArrayList<>();
        for (ReportPalette.Version v : ReportPalette.Version.values()) {
            cats.add(new Category(v.code(), v.code(), v.colour(), v != ReportPalette.Version.NATIONAL));
        }
        return categorized("version", kind, cats);
    }

    private static String categorized(String attribute, Kind kind, List<Category> cats) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
        sb.append("<qgis version=\"3.28.0-Firenze\" styleCategories=\"Symbology\">\n");
        sb.append(" <renderer-v2 type=\"categorizedSymbol\" attr=\"").append(attribute)
                .append("\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n");
        sb.append("  <categories>\n");
        for (int i = 0; i < cats.size(); i++) {
            Category c = cats.get(i);
            sb.append("   <category render=\"true\" symbol=\"").append(i).append("\" value=\"").append(xml(c.value()))
                    .append("\" label=\"").append(xml(c.label())).append("\" type=\"string\"/>\n");
        }
        sb.append("  </categories>\n  <symbols>\n");
        for (int i = 0; i < cats.size(); i++) symbol(sb, String.valueOf(i), kind, cats.get(i));
        sb.append("  </symbols>\n");
        sb.append(" </renderer-v2>\n");
        sb.append(" <blendMode>0</blendMode>\n <featureBlendMode>0</featureBlendMode>\n <layerOpacity>1</layerOpacity>\n");
        sb.append("</qgis>\n");
        return sb.toString();
    }

    private static void symbol(StringBuilder sb, String name, Kind kind, Category c) {
        String colour = ReportPalette.qgisColour(c.colour());
        List<String[]> props = new ArrayList<>();
        switch (kind) {
            case MARKER:
                props.add(new String[]{"name", "circle"});
                props.add(new String[]{"color", colour});
                props.add(new String[]{"outline_color", "35,35,35,255"});
                props.add(new String[]{"outline_style", "solid"});
                props.add(new String[]{"outline_width", "0.3"});
                props.add(new String[]{"outline_width_unit", "MM"});
                props.add(new String[]{"size", "3.2"});
                props.add(new String[]{"size_unit", "MM"});
                break;
            case LINE:
                props.add(new String[]{"line_color", colour});
                props.add(new String[]{"line_style", c.dashed() ? "dash" : "solid"});
                props.add(new String[]{"line_width", "0.6"});
                props.add(new String[]{"line_width_unit", "MM"});
                props.add(new String[]{"capstyle", "round"});
                props.add(new String[]{"joinstyle", "round"});
                break;
            default:
                String[] rgb = colour.split(",");
                props.add(new String[]{"color", rgb[0] + "," + rgb[1] + "," + rgb[2] + ",40"});
                props.add(new String[]{"style", "solid"});
                props.add(new String[]{"outline_color", colour});
                props.add(new String[]{"outline_style", c.dashed() ? "dash" : "solid"});
                props.add(new String[]{"outline_width", "0.6"});
                props.add(new String[]{"outline_width_unit", "MM"});
        }
        sb.append("   <symbol type=\"").append(kind.symbolType).append("\" name=\"").append(name)
                .append("\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\" frame_rate=\"10\" is_animated=\"0\">\n");
        sb.append("    <layer class=\"").append(kind.layerClass).append("\" enabled=\"1\" locked=\"0\" pass=\"0\">\n");
        sb.append("     <Option type=\"Map\">\n");
        for (String[] p : props) {
            sb.append("      <Option name=\"").append(p[0]).append("\" type=\"QString\" value=\"").append(xml(p[1])).append("\"/>\n");
        }
        sb.append("     </Option>\n");
        for (String[] p : props) sb.append("     <prop k=\"").append(p[0]).append("\" v=\"").append(xml(p[1])).append("\"/>\n");
        sb.append("    </layer>\n   </symbol>\n");
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}

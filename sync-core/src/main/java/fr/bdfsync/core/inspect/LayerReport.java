package fr.bdfsync.core.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code inspect} found in one layer. {@code match} is null for a generic layer (not in the catalogue); then
 * every column is listed as unknown and nothing is missing. {@code geometryTypesFound} counts the types actually
 * stored (read from each blob's WKB header, not parsed), with "null" and "empty" for absent geometries.
 * {@code aliasedColumns} maps source columns known by an alias (not merely another letter case) to their catalogue name.
 */
public record LayerReport(String name, long featureCount, String crs, String declaredGeometryType,
                          Map<String, Long> geometryTypesFound, ThemeMatchReport match, Map<String, String> aliasedColumns,
                          List<String> unknownAttributes, List<MissingAttribute> missingAttributes,
                          List<MandatoryNulls> mandatoryNulls, List<ValueIssue> valuesOutsideLists, KeyReport key) {
    public LayerReport {
        geometryTypesFound = Collections.unmodifiableMap(new TreeMap<>(geometryTypesFound));
        aliasedColumns = Collections.unmodifiableMap(new TreeMap<>(aliasedColumns));
        unknownAttributes = List.copyOf(unknownAttributes);
        missingAttributes = List.copyOf(missingAttributes);
        mandatoryNulls = List.copyOf(mandatoryNulls);
        valuesOutsideLists = List.copyOf(valuesOutsideLists);
    }

    @JsonIgnore
    public boolean isGeneric() {
        return match == null;
    }
}

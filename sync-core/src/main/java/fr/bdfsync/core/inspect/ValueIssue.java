package fr.bdfsync.core.inspect;

import java.util.List;

/**
 * Values of a source column that its catalogue attribute does not accept (outside a closed value list, or not a
 * boolean): how many features, and a few distinct examples.
 */
public record ValueIssue(String column, String attribute, String valueList, long count, List<String> examples) {
    public ValueIssue {
        examples = List.copyOf(examples);
    }
}

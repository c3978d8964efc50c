package fr.bdfsync.core.match;

/** Base of the scoring rules: a name and the geometry dimensions it reads. */
abstract class NamedRule implements ScoringRule {
    private final String name;
    private final int localDimension;
    private final int nationalDimension;

    NamedRule(String name, int localDimension, int nationalDimension) {
        this.name = name;
        this.localDimension = localDimension;
        this.nationalDimension = nationalDimension;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int localDimension() {
        return localDimension;
    }

    @Override
    public final int nationalDimension() {
        return nationalDimension;
    }
}

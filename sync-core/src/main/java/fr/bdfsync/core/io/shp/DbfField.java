package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.feature.FieldType;

/**
 * One .dbf field descriptor: name as stored (at most 10 characters, kept as is), type letter, width,
 * decimal count and offset of the value in a record (after the deletion flag).
 */
record DbfField(String name, char type, int length, int decimals, int offset) {

    /** The attribute type a value of this field is read as (the rules of GDAL's Shapefile driver). */
    FieldType fieldType() {
        switch (type) {
            case 'N':
                return decimals == 0 && length <= 18 ? FieldType.INTEGER : FieldType.REAL;
            case 'F':
            case 'O':
                return FieldType.REAL;
            case 'L':
                return FieldType.BOOLEAN;
            case 'D':
                return FieldType.DATE;
            case 'I':
            case '+':
                return FieldType.INTEGER;
            default:
                return FieldType.TEXT;
        }
    }
}

package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.FieldType;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of a dBASE III/IV table (.dbf): header and field descriptors are read at open, then one
 * record at a time (deleted records are reported as such and skipped by the caller). Values: C as text
 * (trailing blanks removed; blank is null, as GDAL reads it), N and F as integer or real (blank or '*' is
 * null), L as boolean ('?' is null), D (YYYYMMDD) as an ISO date "YYYY-MM-DD".
 */
final class DbfReader implements AutoCloseable {
    private final Path path;
    private final String layer;
    private final InputStream in;
    private final List<DbfField> fields;
    private final FieldType[] types;
    private final long recordCount;
    private final int headerLength;
    private final int recordLength;
    private final int languageDriver;
    private final byte[] record;
    private DbfEncoding encoding;
    private long index;

    private DbfReader(Path path, String layer, InputStream in, List<DbfField> fields, long recordCount, int headerLength,
                      int recordLength, int ldid) {
        this.path = path;
        this.layer = layer;
        this.in = in;
        this.fields = fields;
        this.types = fields.stream().map(DbfField::fieldType).toArray(FieldType[]::new);
        this.recordCount = recordCount;
        this.headerLength = headerLength;
        this.recordLength = recordLength;
        this.languageDriver = ldid;
        this.record = new byte[recordLength];
    }

    /** Opens a .dbf and reads its header; the records are read by {@link #next()}. */
    static DbfReader open(Path path, String layer) {
        return Streams.open(path, layer, in -> {
            byte[] head = in.readNBytes(32);
            if (head.length < 32) throw BdfsyncException.invalid(path, layer, null, "not a dBASE file: shorter than its 32-byte header");
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int version = head[0] & 0x07;
            long count = b.getInt(4) & 0xFFFFFFFFL;
            int headerLength = b.getShort(8) & 0xFFFF;
            int recordLength = b.getShort(10) & 0xFFFF;
            boolean foxPro = head[0] == 0x30 || head[0] == 0x31 || head[0] == 0x32;
            if (!foxPro && version != 3 && version != 4 && version != 5 || headerLength < 33 || recordLength < 1) {
                throw BdfsyncException.invalid(path, layer, null, "not a dBASE file: bad header (version byte 0x"
                        + Integer.toHexString(head[0] & 0xFF) + ", header " + headerLength + " bytes, records " + recordLength + " bytes)");
            }
            byte[] descriptors = in.readNBytes(headerLength - 32);
            if (descriptors.length < headerLength - 32) throw BdfsyncException.invalid(path, layer, null, "truncated dBASE header");
            List<DbfField> fields = new ArrayList<>();
            int offset = 1;
            for (int p = 0; p + 32 <= descriptors.length && descriptors[p] != 0x0D; p += 32) {
                int nameEnd = 0;
                while (nameEnd < 11 && descriptors[p + nameEnd] != 0) nameEnd++;
                String name = new String(descriptors, p, nameEnd, StandardCharsets.ISO_8859_1).trim();
                char type = (char) (descriptors[p + 11] & 0xFF);
                int length = descriptors[p + 16] & 0xFF;
                int decimals = descriptors[p + 17] & 0xFF;
                if (type == 'C') length += decimals << 8; // FoxPro/Clipper long character fields
                fields.add(new DbfField(name, type, length, type == 'C' ? 0 : decimals, offset));
                offset += length;
            }
            if (offset > recordLength) {
                throw BdfsyncException.invalid(path, layer, null, "corrupt dBASE header: fields span " + offset
                        + " bytes but records are " + recordLength + " bytes long");
            }
            long expected = headerLength + count * recordLength;
            long actual = Files.size(path);
            if (actual < expected) {
                throw BdfsyncException.invalid(path, layer, null, "truncated .dbf: its header announces " + count
                        + " records (" + expected + " bytes) but the file has " + actual + " bytes");
            }
            return new DbfReader(path, layer, in, List.copyOf(fields), count, headerLength, recordLength, head[29] & 0xFF);
        });
    }

    List<DbfField> fields() {
        return fields;
    }

    long recordCount() {
        return recordCount;
    }

    int languageDriver() {
        return languageDriver;
    }

    int recordLength() {
        return recordLength;
    }

    void setEncoding(DbfEncoding encoding) {
        this.encoding = encoding;
    }

    /** Reads the next record; false at the end. After true, {@link #deleted()} and {@link #values} describe it. */
    boolean next() {
        if (index >= recordCount) return false;
        try {
            int n = in.readNBytes(record, 0, recordLength);
            if (n < recordLength) {
                throw BdfsyncException.invalid(path, layer, "record " + (index + 1), "the .dbf ends in the middle of this record");
            }
        } catch (IOException e) {
            throw BdfsyncException.invalid(path, layer, "record " + (index + 1), "cannot read: " + e.getMessage(), e);
        }
        index++;
        return true;
    }

    /** 1-based number of the record last read. */
    long recordNumber() {
        return index;
    }

    boolean deleted() {
        return record[0] == '*';
    }

    /** Decodes the values of the record last read. */
    Object[] values() {
        Object[] v = new Object[fields.size()];
        for (int i = 0; i < v.length; i++) v[i] = value(fields.get(i), types[i]);
        return v;
    }

    private Object value(DbfField f, FieldType type) {
        int off = f.offset();
        int len = f.length();
        switch (f.type()) {
            case 'I':
                return len == 4 ? (Object) (long) ByteBuffer.wrap(record, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() : null;
            case '+':
                return len == 4 ? (Object) (long) (ByteBuffer.wrap(record, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0x7FFFFFFF) : null;
            case 'O':
                return len == 8 ? (Object) ByteBuffer.wrap(record, off, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble() : null;
            default:
                break;
        }
        int start = off;
        int end = off + len;
        if (f.type() != 'C') while (start < end && (record[start] == ' ' || record[start] == 0)) start++;
        while (end > start && (record[end - 1] == ' ' || record[end - 1] == 0)) end--;
        if (start == end) return null;
        switch (type) {
            case INTEGER:
            case REAL:
                return number(f, type, start, end);
            case BOOLEAN: {
                char c = (char) record[start];
                if ("TtYy".indexOf(c) >= 0) return Boolean.TRUE;
                if ("FfNn".indexOf(c) >= 0) return Boolean.FALSE;
                return null;
            }
            case DATE:
                return date(f, start, end);
            default:
                try {
                    return encoding.decode(record, start, end - start);
                } catch (CharacterCodingException e) {
                    throw BdfsyncException.invalid(path, layer, "record " + index, "field '" + f.name() + "': bytes invalid in "
                            + encoding.charset().name() + " (declared by " + encoding.declaredBy()
                            + "); the declared encoding is wrong: name the right one (e.g. --encoding windows-1252)");
                }
        }
    }

    private Object number(DbfField f, FieldType type, int start, int end) {
        if (record[start] == '*') return null;
        String s = new String(record, start, end - start, StandardCharsets.ISO_8859_1).replace(',', '.');
        if (s.equals(".") || s.equals("-")) return null;
        try {
            if (type == FieldType.REAL) return Double.parseDouble(s);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                double d = Double.parseDouble(s); // "12.0" in a 0-decimal field written by some tools
                if (d == Math.rint(d) && Math.abs(d) < 9.2e18) return (long) d;
                throw e;
            }
        } catch (NumberFormatException e) {
            throw BdfsyncException.invalid(path, layer, "record " + index, "field '" + f.name() + "': '" + s + "' is not a number");
        }
    }

    private Object date(DbfField f, int start, int end) {
        String s = new String(record, start, end - start, StandardCharsets.ISO_8859_1);
        if (s.equals("00000000")) return null;
        if (s.length() != 8 || !s.chars().allMatch(Character::isDigit)) {
            throw BdfsyncException.invalid(path, layer, "record " + index, "field '" + f.name() + "': '" + s + "' is not a YYYYMMDD date");
        }
        return s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6, 8);
    }

    /** Counts the records not flagged deleted, reading only the flags (from a fresh stream). */
    long countLive() {
        try (InputStream s = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            s.skipNBytes(headerLength);
            long live = 0;
            for (long i = 0; i < recordCount; i++) {
                int flag = s.read();
                if (flag < 0) break;
                if (flag != '*') live++;
                s.skipNBytes(recordLength - 1);
            }
            return live;
        } catch (IOException e) {
            throw BdfsyncException.invalid(path, null, null, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Streams.closeQuietly(in);
    }
}

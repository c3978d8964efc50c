package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.BdfsyncException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the text of a .dbf is decoded. In order of precedence:
 * <ol>
 * <li>an encoding the user forces: decoded leniently (invalid bytes become U+FFFD);</li>
 * <li>the .cpg file ("UTF-8", "1252", "CP1252", "ISO-8859-1", "88591", "LATIN1"...): decoded strictly;</li>
 * <li>the language driver byte of the .dbf header (0x57 and 0x03: Windows ANSI 1252, 0x01: DOS 437,
 * 0x02: DOS 850...): decoded strictly;</li>
 * <li>nothing declared: each value is decoded as strict UTF-8, and falls back to Windows-1252 when its bytes
 * are not UTF-8 (the two encodings French shapefiles come in).</li>
 * </ol>
 * A strict decoding that meets bytes invalid for the declared encoding is an error naming the file, layer,
 * record and field: the declaration is wrong and guessing could corrupt accents silently.
 */
final class DbfEncoding {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    enum Mode { FORCED, DECLARED, AUTO }

    private final Charset charset;
    private final Mode mode;
    private final String declaredBy;
    private final CharsetDecoder strict;
    private final CharsetDecoder fallback;

    private DbfEncoding(Charset charset, Mode mode, String declaredBy) {
        this.charset = charset;
        this.mode = mode;
        this.declaredBy = declaredBy;
        this.strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.fallback = WINDOWS_1252.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    static DbfEncoding forced(Charset cs) {
        return new DbfEncoding(cs, Mode.FORCED, "the encoding named by the user");
    }

    static DbfEncoding declared(Charset cs, String declaredBy) {
        return new DbfEncoding(cs, Mode.DECLARED, declaredBy);
    }

    static DbfEncoding auto() {
        return new DbfEncoding(StandardCharsets.UTF_8, Mode.AUTO, "no declaration (UTF-8, else Windows-1252)");
    }

    Charset charset() {
        return charset;
    }

    Mode mode() {
        return mode;
    }

    /** Where the encoding comes from, for messages. */
    String declaredBy() {
        return declaredBy;
    }

    /** The charset a .cpg file names, or a clear error when it names none Java knows. */
    static Charset fromCpg(String text, Path cpg) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        String compact = t.replaceAll("[^A-Z0-9]", "");
        switch (compact) {
            case "UTF8": return StandardCharsets.UTF_8;
            case "1252": case "CP1252": case "WINDOWS1252": case "ANSI1252": case "ANSI": return WINDOWS_1252;
            case "88591": case "ISO88591": case "LATIN1": case "ISOLATIN1": case "L1": return StandardCharsets.ISO_8859_1;
            case "885915": case "ISO885915": case "LATIN9": return Charset.forName("ISO-8859-15");
            case "437": case "CP437": case "OEM": return Charset.forName("IBM437");
            case "850": case "CP850": return Charset.forName("IBM850");
            default:
                break;
        }
        try {
            return Charset.forName(text.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw BdfsyncException.invalid(cpg, null, null, "unknown encoding '" + text.trim() + "' in the .cpg file");
        }
    }

    /** The charset of a dBASE language driver id, or null for 0 (none) and ids not listed. */
    static Charset fromLanguageDriver(int ldid) {
        switch (ldid) {
            case 0x01: return Charset.forName("IBM437");
            case 0x02: case 0x37: return Charset.forName("IBM850");
            case 0x03: case 0x57: case 0x58: case 0x59: return WINDOWS_1252;
            case 0x64: return Charset.forName("IBM852");
            case 0x65: return Charset.forName("IBM866");
            case 0xC8: return Charset.forName("windows-1250");
            case 0xC9: return Charset.forName("windows-1251");
            default: return null;
        }
    }

    /**
     * Decodes {@code len} bytes of {@code buf}; throws {@link CharacterCodingException} when a declared
     * encoding meets bytes invalid for it.
     */
    String decode(byte[] buf, int off, int len) throws CharacterCodingException {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return new String(buf, off, len, StandardCharsets.ISO_8859_1);
        switch (mode) {
            case FORCED:
                return new String(buf, off, len, charset);
            case DECLARED:
                return strict.decode(ByteBuffer.wrap(buf, off, len)).toString();
            default:
                try {
                    return strict.decode(ByteBuffer.wrap(buf, off, len)).toString();
                } catch (CharacterCodingException e) {
                    CharBuffer cb = fallback.decode(ByteBuffer.wrap(buf, off, len));
                    return cb.toString();
                }
        }
    }
}

package vn.par.criteria.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Opens an .xlsx/.docx (a zip of XML parts) safely: a truncated, corrupt or non-zip file and a zip bomb (a small
 * file that inflates to gigabytes) become an {@link ImportProblem}, never a raw POI exception or an
 * OutOfMemoryError.
 */
final class OfficeZip {

    /** Reads an opened package; may throw whatever POI throws on a broken file. */
    interface PackageReader<T> {
        T read(OPCPackage pkg) throws IOException, PlanImportException;
    }

    private static final double MIN_INFLATE_RATIO = 0.01;
    private static final byte[] ZIP_START = {'P', 'K', 3, 4};
    private static final byte[] ZIP_END_OF_CENTRAL_DIRECTORY = {'P', 'K', 5, 6};
    /** The end record is 22 bytes, followed by a comment of at most 65,535 bytes. */
    private static final int ZIP_END_SEARCH = 22 + 0xFFFF;
    private static final byte[] OLE2_START = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    static {
        // POI's zip-bomb guards are JVM-wide settings; only tighten them, never loosen a stricter value set elsewhere.
        // They protect POI's own reading; check() below also bounds the total inflated size, which POI does not.
        if (ZipSecureFile.getMinInflateRatio() < MIN_INFLATE_RATIO) {
            ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        }
        if (ZipSecureFile.getMaxEntrySize() > ImportLimits.MAX_ZIP_ENTRY_BYTES) {
            ZipSecureFile.setMaxEntrySize(ImportLimits.MAX_ZIP_ENTRY_BYTES);
        }
    }

    private OfficeZip() {
    }

    /**
     * Checks the file, opens it with POI and hands the package to {@code reader}.
     *
     * @param label the form for messages, e.g. "Excel (.xlsx)"
     */
    static <T> T read(byte[] bytes, String label, PackageReader<T> reader) throws PlanImportException {
        check(bytes, label);
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(new ByteArrayInputStream(bytes));
            return reader.read(pkg);
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            // POI reports a broken file with checked and many kinds of unchecked exceptions alike.
            throw new PlanImportException(ImportProblem.ofFile(
                    isZipBomb(e) ? zipBombMessage(label) : "Không đọc được tệp " + label + ": tệp hỏng hoặc không đúng định dạng"));
        } finally {
            if (pkg != null) {
                // Discards the package without trying to save it (it was opened from a stream).
                pkg.revert();
            }
        }
    }

    /**
     * Rejects what POI should not be given: a file that is not a zip (or is an old binary Office file), a zip cut
     * short (its end record is missing: POI reading a stream would silently use the parts before the cut), and a
     * zip whose parts inflate beyond the limits, by inflating them once into nothing.
     */
    private static void check(byte[] bytes, String label) throws PlanImportException {
        if (startsWith(bytes, OLE2_START)) {
            throw new PlanImportException(ImportProblem.ofFile("Tệp không phải " + label
                    + ": có thể là tệp Office cũ (.xls/.doc) hoặc tệp được đặt mật khẩu; hãy lưu lại thành " + label));
        }
        if (!startsWith(bytes, ZIP_START)) {
            throw new PlanImportException(ImportProblem.ofFile("Tệp không phải " + label + " hợp lệ"));
        }
        if (!hasEndOfCentralDirectory(bytes)) {
            throw new PlanImportException(ImportProblem.ofFile("Tệp " + label + " bị cắt cụt hoặc hỏng"));
        }
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > ImportLimits.MAX_ZIP_ENTRIES) {
                    throw new PlanImportException(ImportProblem.ofFile(zipBombMessage(label)));
                }
                long size = 0;
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    size += n;
                    total += n;
                    if (size > ImportLimits.MAX_ZIP_ENTRY_BYTES || total > ImportLimits.MAX_ZIP_TOTAL_BYTES) {
                        throw new PlanImportException(ImportProblem.ofFile(zipBombMessage(label)));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // ZipInputStream throws IllegalArgumentException for malformed entry names.
            throw new PlanImportException(ImportProblem.ofFile("Tệp " + label + " bị hỏng, không giải nén được"));
        }
    }

    private static boolean hasEndOfCentralDirectory(byte[] bytes) {
        int lowest = Math.max(0, bytes.length - ZIP_END_SEARCH);
        for (int i = bytes.length - 22; i >= lowest; i--) {
            if (matchesAt(bytes, i, ZIP_END_OF_CENTRAL_DIRECTORY)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return matchesAt(bytes, 0, prefix);
    }

    private static boolean matchesAt(byte[] bytes, int offset, byte[] pattern) {
        if (offset + pattern.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (bytes[offset + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZipBomb(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
                return true;
            }
        }
        return false;
    }

    private static String zipBombMessage(String label) {
        return "Tệp " + label + " giải nén ra quá lớn (có thể là tệp độc hại kiểu 'zip bomb'); tệp đã bị từ chối";
    }
}

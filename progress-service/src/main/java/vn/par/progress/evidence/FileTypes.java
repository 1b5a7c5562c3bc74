package vn.par.progress.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What an evidence file is, from its bytes alone (never its name or the type the browser declared). tika-core's magic
 * numbers tell PDF, JPEG and PNG, and that a file is a ZIP (Office Open XML) or an OLE2 compound document (Office
 * 97-2003) without telling a Word document from a spreadsheet; for those two the container is opened here: an Office
 * Open XML package names its main part in {@code [Content_Types].xml}, an OLE2 file has a {@code WordDocument} or a
 * {@code Workbook} (Excel 5: {@code Book}) stream in its root directory (read with POI's POIFS, already here for the
 * appraisal sheet's export). Tika's own container detectors live in its parser modules, which bring every Office
 * parser along.
 */
public final class FileTypes {

    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String DOC = "application/msword";
    public static final String XLS = "application/vnd.ms-excel";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    /** What people call each accepted type. */
    public static final Map<String, String> ACCEPTED = Map.of(PDF, "PDF", DOCX, "DOCX", XLSX, "XLSX", DOC, "DOC",
            XLS, "XLS", JPEG, "JPEG", PNG, "PNG");

    /** The main part's content type that makes a package a Word document or a workbook (macro-enabled ones are not). */
    private static final Map<String, String> OOXML_MAIN = Map.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX);
    private static final String CONTENT_TYPES = "[Content_Types].xml";
    /** A real [Content_Types].xml is a few kilobytes; reading stops well above that (a ZIP bomb is not inflated). */
    private static final int MAX_CONTENT_TYPES = 1 << 20;

    private static final Detector TIKA = MimeTypes.getDefaultMimeTypes();

    private FileTypes() {
    }

    /** The detected type: one of {@link #ACCEPTED}, or whatever else the content is (for the refusal to name). */
    public static String detect(byte[] content) {
        String magic = magic(content);
        return switch (magic) {
            case "application/zip", "application/x-tika-ooxml" -> ooxml(content, magic);
            case "application/x-tika-msoffice", DOC, XLS -> ole2(content, magic);
            default -> magic;
        };
    }

    private static String magic(byte[] content) {
        try (InputStream in = TikaInputStream.get(content)) {
            MediaType type = TIKA.detect(in, new Metadata());
            return type.getBaseType().toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bytes held in memory", e);
        }
    }

    /** DOCX or XLSX when the package's main part is one, else what tika-core said. */
    private static String ooxml(byte[] content, String magic) {
        Set<String> entries = new HashSet<>();
        byte[] contentTypes = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                if (entry.getName().equals(CONTENT_TYPES)) {
                    contentTypes = zip.readNBytes(MAX_CONTENT_TYPES + 1);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return magic;
        }
        if (contentTypes == null || contentTypes.length > MAX_CONTENT_TYPES) {
            return magic;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            NodeList overrides = factory.newDocumentBuilder().parse(new ByteArrayInputStream(contentTypes))
                    .getElementsByTagNameNS("*", "Override");
            for (int i = 0; i < overrides.getLength(); i++) {
                Element override = (Element) overrides.item(i);
                String type = OOXML_MAIN.get(override.getAttribute("ContentType"));
                String part = override.getAttribute("PartName");
                if (type != null && part.startsWith("/") && entries.contains(part.substring(1))) {
                    return type;
                }
            }
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return magic;
        }
        return magic;
    }

    /** DOC or XLS by the streams of the compound document's root, else what tika-core said. */
    private static String ole2(byte[] content, String magic) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry("WordDocument")) {
                return DOC;
            }
            if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
                return XLS;
            }
            return magic;
        } catch (IOException | RuntimeException e) {
            return magic;
        }
    }
}

package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local SMTP server: GreenMail takes a message over SMTP and gives it back, decoded, by recipient. */
class MailServerTest {

    private static final String TEXT = "Kính gửi Phòng Kế hoạch - Tài chính,\nđiểm mục tiêu: 2,5\nhttp://localhost:8082/ui/tasks/x";

    @Test
    void aMessageSentOverSmtpIsReadBackDecodedByItsRecipient(@TempDir Path dir) throws IOException {
        MailServer mail = new MailServer(dir.resolve("mail"), 0, 0, dir.resolve("logs/greenmail.log"));
        try {
            mail.start(Duration.ofSeconds(60));
            assertEquals(List.of(), mail.messages("khtc@example.vn"), "no mailbox before the first message");
            send(mail.smtpPort(), "khtc@example.vn", "=?utf-8?b?" + base64("[Chỉ số CCHC] Việc cần làm") + "?=",
                    "Content-Transfer-Encoding: base64", base64(TEXT));
            List<MailServer.Message> received = mail.messages("khtc@example.vn");
            assertEquals(1, received.size());
            assertEquals("[Chỉ số CCHC] Việc cần làm", received.get(0).subject());
            assertEquals(TEXT, received.get(0).text());
            assertEquals(List.of(), mail.messages("vp@example.vn"), "another address received nothing");
        } finally {
            mail.stop();
        }
        assertTrue(!mail.process().isAlive());
    }

    @Test
    void quotedPrintableAndMultipartBodiesAreDecoded() {
        assertEquals("điểm 2,5 — một dòng rất dài",
                MailServer.text("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + "=C4=91i=E1=BB=83m 2,5 =E2=80=94 m=E1=BB=99t d=C3=B2ng =\r\nr=E1=BA=A5t d=C3=A0i"));
        assertEquals("văn bản", MailServer.text("Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + new String("văn bản".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
                + "\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--b1--").strip());
    }

    /** One message through a plain SMTP conversation, as any client would send it. */
    private static void send(int port, String to, String subject, String encoding, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
            expect(in, "220");
            for (String[] step : new String[][] { { "HELO test", "250" }, { "MAIL FROM:<no-reply@par.example.vn>", "250" },
                    { "RCPT TO:<" + to + ">", "250" }, { "DATA", "354" } }) {
                out.write(step[0] + "\r\n");
                out.flush();
                expect(in, step[1]);
            }
            out.write("From: no-reply@par.example.vn\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n" + encoding + "\r\n\r\n" + body + "\r\n.\r\nQUIT\r\n");
            out.flush();
            expect(in, "250");
        }
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        assertTrue(line != null && line.startsWith(code), "expected " + code + ", got " + line);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

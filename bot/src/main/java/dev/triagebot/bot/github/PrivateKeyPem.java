package dev.triagebot.bot.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GitHub App's RSA private key from PEM. GitHub hands keys out as PKCS#1 ({@code BEGIN
 * RSA PRIVATE KEY}), while Java's {@link KeyFactory} (and github-api's own key loading) reads only
 * PKCS#8 ({@code BEGIN PRIVATE KEY}); a PKCS#1 key is wrapped into a PKCS#8 structure here so that
 * operators can use the file GitHub gave them as is.
 *
 * <p>Errors describe the problem and never include any of the key.
 */
public final class PrivateKeyPem {
  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN (RSA PRIVATE KEY|PRIVATE KEY)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** DER of the AlgorithmIdentifier {rsaEncryption (1.2.840.113549.1.1.1), NULL}. */
  private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private static final byte[] VERSION_ZERO = {0x02, 0x01, 0x00};
  private static final int SEQUENCE = 0x30;
  private static final int OCTET_STRING = 0x04;

  private PrivateKeyPem() {}

  /** Parses a PKCS#1 or PKCS#8 PEM RSA private key. */
  public static PrivateKey parse(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("the GitHub App private key is empty");
    }
    Matcher matcher = PEM.matcher(pem);
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          "the GitHub App private key is not an unencrypted RSA key in PEM form: expected"
              + " '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1, as GitHub issues it) or"
              + " '-----BEGIN PRIVATE KEY-----' (PKCS#8)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(matcher.group(2).strip());
    } catch (IllegalArgumentException badBase64) {
      throw new IllegalArgumentException(
          "the GitHub App private key's PEM body is not valid base64");
    }
    byte[] pkcs8 = matcher.group(1).startsWith("RSA") ? wrapPkcs1(der) : der;
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException unreadable) {
      // The cause's message may quote parts of the structure; keep only its type.
      throw new IllegalArgumentException(
          "the GitHub App private key could not be read as an RSA key ("
              + unreadable.getClass().getSimpleName()
              + ")");
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
  static byte[] wrapPkcs1(byte[] rsaPrivateKey) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(VERSION_ZERO);
    body.writeBytes(RSA_ALGORITHM_IDENTIFIER);
    body.writeBytes(tagged(OCTET_STRING, rsaPrivateKey));
    return tagged(SEQUENCE, body.toByteArray());
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    writeLength(out, content.length);
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** DER definite length: short form below 128, else 0x80 | byte count, then big-endian bytes. */
  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
    out.write(0x80 | bytes);
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write((length >>> shift) & 0xff);
    }
  }
}

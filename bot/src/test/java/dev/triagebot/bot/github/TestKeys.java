package dev.triagebot.bot.github;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An RSA key pair generated when the tests run (no key is ever committed), written out in the two
 * PEM forms GitHub App keys come in.
 */
public final class TestKeys {
  static final KeyPair PAIR = generate();

  private TestKeys() {}

  /** {@code BEGIN PRIVATE KEY}: PKCS#8, what Java encodes natively. */
  public static String pkcs8Pem() {
    return pem("PRIVATE KEY", PAIR.getPrivate().getEncoded());
  }

  /** {@code BEGIN RSA PRIVATE KEY}: PKCS#1, the form GitHub hands out. */
  public static String pkcs1Pem() {
    return pem("RSA PRIVATE KEY", rsaPrivateKeyInside(PAIR.getPrivate().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }

  /**
   * Unwraps PKCS#8 PrivateKeyInfo ::= SEQUENCE { INTEGER version, SEQUENCE algorithm, OCTET STRING
   * key } to the PKCS#1 RSAPrivateKey inside: the inverse of what production does, written
   * independently so the test checks it.
   */
  private static byte[] rsaPrivateKeyInside(byte[] pkcs8) {
    Der outer = new Der(pkcs8, 0);
    Der version = new Der(pkcs8, outer.contentStart);
    Der algorithm = new Der(pkcs8, version.end());
    Der key = new Der(pkcs8, algorithm.end());
    if (outer.tag != 0x30 || version.tag != 0x02 || algorithm.tag != 0x30 || key.tag != 0x04) {
      throw new IllegalStateException("unexpected PKCS#8 structure");
    }
    return Arrays.copyOfRange(pkcs8, key.contentStart, key.end());
  }

  /** One DER element's header: tag, where its content starts, how long it is. */
  private static final class Der {
    final int tag;
    final int contentStart;
    final int length;

    Der(byte[] der, int at) {
      tag = der[at] & 0xff;
      int first = der[at + 1] & 0xff;
      if (first < 0x80) {
        length = first;
        contentStart = at + 2;
      } else {
        int bytes = first & 0x7f;
        int value = 0;
        for (int i = 0; i < bytes; i++) {
          value = (value << 8) | (der[at + 2 + i] & 0xff);
        }
        length = value;
        contentStart = at + 2 + bytes;
      }
    }

    int end() {
      return contentStart + length;
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}

package dev.triagebot.bot.webhook;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook bodies the way GitHub does: {@code sha256=} and the hex HMAC-SHA256 of
 * the raw bytes, keyed with the webhook secret. Verification compares in constant time.
 */
public final class WebhookSignature {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";

  private final SecretKeySpec key;

  /**
   * @param key the UTF-8 bytes of the webhook secret
   */
  public WebhookSignature(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** The outcome of a verification; the reasons are safe to send back, they hold no secret. */
  public enum Verdict {
    VALID("signature valid"),
    MISSING("missing " + WebhookHeaders.SIGNATURE + " header"),
    MALFORMED(WebhookHeaders.SIGNATURE + " must be 'sha256=' followed by 64 hex digits"),
    MISMATCH(WebhookHeaders.SIGNATURE + " does not match the body and the webhook secret");

    private final String reason;

    Verdict(String reason) {
      this.reason = reason;
    }

    /** Why, in a sentence for the response body. */
    public String reason() {
      return reason;
    }
  }

  /** The header value GitHub would send with this body. */
  public String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(body));
  }

  /** Checks a {@value WebhookHeaders#SIGNATURE} header value against the body. */
  public Verdict verify(byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return Verdict.MISSING;
    }
    String value = header.trim();
    if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + 64) {
      return Verdict.MALFORMED;
    }
    byte[] claimed;
    try {
      claimed = HexFormat.of().parseHex(value, PREFIX.length(), value.length());
    } catch (IllegalArgumentException notHex) {
      return Verdict.MALFORMED;
    }
    return MessageDigest.isEqual(mac(body), claimed) ? Verdict.VALID : Verdict.MISMATCH;
  }

  private byte[] mac(byte[] body) {
    try {
      // Mac instances are not thread-safe and cheap to make; one per call.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

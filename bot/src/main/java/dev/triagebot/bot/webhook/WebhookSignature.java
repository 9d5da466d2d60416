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
    Check check = check(header);
    if (check.verdict() != Verdict.VALID) {
      return check.verdict();
    }
    check.update(body, 0, body.length);
    return check.finish();
  }

  /**
   * Starts checking a body against a header value, chunk by chunk as it arrives, so that the body
   * need not be held to be checked. A header that cannot be right fails at once, before any byte is
   * read: {@link Check#verdict()} says so.
   */
  public Check check(String header) {
    if (header == null || header.isBlank()) {
      return new Check(Verdict.MISSING, null, null);
    }
    String value = header.trim();
    if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + 64) {
      return new Check(Verdict.MALFORMED, null, null);
    }
    try {
      return new Check(
          Verdict.VALID, HexFormat.of().parseHex(value, PREFIX.length(), value.length()), mac());
    } catch (IllegalArgumentException notHex) {
      return new Check(Verdict.MALFORMED, null, null);
    }
  }

  /** A signature check under way: feed it the body, then ask for the verdict. */
  public static final class Check implements BoundedBody.Sink {
    private final Verdict headerVerdict;
    private final byte[] claimed;
    private final Mac mac;

    private Check(Verdict headerVerdict, byte[] claimed, Mac mac) {
      this.headerVerdict = headerVerdict;
      this.claimed = claimed;
      this.mac = mac;
    }

    /** {@link Verdict#VALID} while the header is well-formed; why not, otherwise. */
    public Verdict verdict() {
      return headerVerdict;
    }

    @Override
    public void update(byte[] chunk, int offset, int length) {
      if (mac != null) {
        mac.update(chunk, offset, length);
      }
    }

    /** Whether the bytes fed so far are the body the header signs. */
    public Verdict finish() {
      if (headerVerdict != Verdict.VALID) {
        return headerVerdict;
      }
      return MessageDigest.isEqual(mac.doFinal(), claimed) ? Verdict.VALID : Verdict.MISMATCH;
    }
  }

  private byte[] mac(byte[] body) {
    return mac().doFinal(body);
  }

  private Mac mac() {
    try {
      // Mac instances are not thread-safe and cheap to make; one per check.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

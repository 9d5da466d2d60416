package dev.triagebot.bot.review;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use the review page: whoever knows {@code triage.review.token}. The session cookie and
 * the forms' anti-forgery field are values derived from the token (HMAC), never the token itself,
 * and every comparison takes constant time.
 */
public final class ReviewAccess {
  /** The session cookie: HttpOnly, SameSite=Strict, path {@code /review}. */
  public static final String COOKIE = "triage_review";

  private final String token;
  private final String session;
  private final String csrf;

  /**
   * @param token the review token; null or blank disables the page
   */
  public ReviewAccess(String token) {
    this.token = token == null || token.isBlank() ? null : token;
    this.session = this.token == null ? null : derive("session");
    this.csrf = this.token == null ? null : derive("form");
  }

  /** Whether the page is enabled. */
  public boolean enabled() {
    return token != null;
  }

  /** Whether this is the token. */
  public boolean isToken(String candidate) {
    return enabled() && candidate != null && same(token, candidate);
  }

  /** Whether an {@code Authorization} header carries the token as a bearer token. */
  public boolean bearer(String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && isToken(authorization.substring(7).strip());
  }

  /** The session cookie's value for a signed-in browser. */
  public String sessionValue() {
    return session;
  }

  /** Whether a cookie value is that of a signed-in browser. */
  public boolean isSession(String cookie) {
    return enabled() && cookie != null && same(session, cookie);
  }

  /** The anti-forgery value the page's forms carry. */
  public String formToken() {
    return csrf;
  }

  /** Whether a submitted form carries the anti-forgery value. */
  public boolean isFormToken(String submitted) {
    return enabled() && submitted != null && same(csrf, submitted);
  }

  private String derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal(("triage-bot review " + purpose).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static boolean same(String expected, String candidate) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ReviewAccess[" + (enabled() ? "enabled" : "disabled") + "]";
  }
}

package dev.triagebot.bot.review;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use the review page: whoever knows {@code triage.review.token}. Signing in with it starts
 * a session: a random id, signed with a key this process drew at start, is the session cookie, and
 * the forms' anti-forgery value is derived from that session (so it differs per session and is
 * worthless without its cookie). Neither is derived from the token, and every comparison takes
 * constant time. Sessions end when the process restarts.
 */
public final class ReviewAccess {
  /** The session cookie: HttpOnly, SameSite=Strict, path {@code /review}. */
  public static final String COOKIE = "triage_review";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int ID_BYTES = 32;

  private final String token;
  private final SecretKeySpec key;

  /**
   * @param token the review token; null or blank disables the page
   */
  public ReviewAccess(String token) {
    this.token = token == null || token.isBlank() ? null : token;
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
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

  /** A new session's cookie value, for a browser that has just signed in with the token. */
  public String newSession() {
    byte[] id = new byte[ID_BYTES];
    RANDOM.nextBytes(id);
    String session = HexFormat.of().formatHex(id);
    return session + "." + sign("session " + session);
  }

  /** Whether a cookie value is that of a session this process started. */
  public boolean isSession(String cookie) {
    if (!enabled() || cookie == null) {
      return false;
    }
    int dot = cookie.indexOf('.');
    return dot == ID_BYTES * 2
        && same(sign("session " + cookie.substring(0, dot)), cookie.substring(dot + 1));
  }

  /** The anti-forgery value of the forms shown to this session; null without a session. */
  public String formToken(String session) {
    return isSession(session) ? sign("form " + session) : null;
  }

  /** Whether a submitted form carries the anti-forgery value of the session that submits it. */
  public boolean isFormToken(String session, String submitted) {
    String expected = formToken(session);
    return expected != null && submitted != null && same(expected, submitted);
  }

  private String sign(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
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

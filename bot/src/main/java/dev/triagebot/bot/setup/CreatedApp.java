package dev.triagebot.bot.setup;

import java.net.URI;

/**
 * The App GitHub created from the manifest, with what the bot needs to act as it. {@link
 * #toString()} leaves the secrets out.
 *
 * @param id the App id
 * @param slug the App's name in URLs, {@code <slug>[bot]} on what it writes
 * @param owner the account or organisation that owns the App
 * @param htmlUrl the App's page on GitHub, where it is installed from
 * @param pem the private key, PKCS#1 PEM
 * @param webhookSecret the secret GitHub signs deliveries with; null if GitHub set none
 */
public record CreatedApp(
    long id, String slug, String owner, URI htmlUrl, String pem, String webhookSecret) {

  /** Where the operator installs the App on repositories. */
  public URI installUrl() {
    return URI.create(htmlUrl.toString().replaceAll("/+$", "") + "/installations/new");
  }

  @Override
  public String toString() {
    return "CreatedApp[id=%d, slug=%s, owner=%s, htmlUrl=%s, pem=***, webhookSecret=%s]"
        .formatted(id, slug, owner, htmlUrl, webhookSecret == null ? "none" : "***");
  }
}

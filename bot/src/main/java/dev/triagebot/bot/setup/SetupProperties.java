package dev.triagebot.bot.setup;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Creating the GitHub App from its manifest at {@code /setup}, under {@code triage.setup}.
 *
 * @param webhookUrl where GitHub is to send deliveries; by default {@code /github/webhook} at the
 *     address the browser used to open {@code /setup}
 * @param organization create the App for this organisation instead of the operator's own account
 * @param githubUrl GitHub's web address (not the API's): another for GitHub Enterprise Server
 * @param reload whether the service reloads itself once the credentials are stored; off only where
 *     a test shares one Spring context between tests
 */
public record SetupProperties(
    URI webhookUrl,
    @Pattern(regexp = "[A-Za-z0-9-]{1,39}", message = "must be a GitHub organisation login")
        String organization,
    @NotNull @DefaultValue("https://github.com") URI githubUrl,
    @DefaultValue("true") boolean reload) {}

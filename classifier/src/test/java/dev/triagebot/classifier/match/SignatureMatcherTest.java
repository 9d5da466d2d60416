package dev.triagebot.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.triagebot.classifier.catalog.CatalogSource;
import dev.triagebot.classifier.catalog.FittedModel;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.text.IssueText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour of the matcher on short reports written for these tests, against the real catalog. */
class SignatureMatcherTest {
  private static final String SIGNATURE = "mcp-oauth-token-not-honored";
  private static SignatureMatcher matcher;

  @BeforeAll
  static void loadCatalog() {
    matcher = new SignatureMatcher(SignatureCatalog.load(Path.of("../config/signatures")));
  }

  @AfterAll
  static void close() {
    matcher.close();
  }

  @Test
  void aCompletedSignInThatIsIgnoredMatchesWithEvidenceFromEachFacet() {
    SignatureMatch match =
        only(
            "Remote MCP server never leaves needs authentication",
            "I add our HTTP MCP server and pick Authenticate. The browser shows the success page and"
                + " Claude Code prints Authentication successful. Yet /mcp still shows the server as"
                + " needs authentication and no tools are listed.");

    assertThat(match.matched()).isTrue();
    assertThat(match.confidence()).isBetween(match.signature().thresholds().match(), 1.0);
    assertThat(match.evidence())
        .extracting(Evidence::signal)
        .contains("remote-server", "sign-in-reported-successful", "still-needs-authentication");
    Evidence reported =
        match.evidence().stream()
            .filter(e -> e.signal().equals("sign-in-reported-successful"))
            .findFirst()
            .orElseThrow();
    assertThat(reported.field()).isEqualTo("body");
    assertThat(reported.matchedText()).isEqualTo("Authentication successful");
    assertThat(reported.kind()).isEqualTo(Evidence.Kind.SIGNAL);
  }

  @Test
  void titleEvidenceIsAttributedToTheTitle() {
    SignatureMatch match =
        only(
            "MCP OAuth says authentication successful but server stays unauthenticated",
            "Happens with our internal MCP server over streamable HTTP.");

    assertThat(match.evidence())
        .filteredOn(e -> e.field().equals("title"))
        .extracting(Evidence::signal)
        .contains("sign-in-reported-successful", "still-needs-authentication");
  }

  @Test
  void aFacetNamedInTheTitleIsEvidenceOfItsOwn() {
    String body = "Happens with our internal MCP server over streamable HTTP.";
    SignatureMatch titled =
        only("MCP OAuth says authentication successful but server stays unauthenticated", body);
    SignatureMatch untitled =
        only(
            "Problem with our MCP server",
            body + " OAuth says authentication successful but the server stays unauthenticated.");

    assertThat(titled.evidence())
        .filteredOn(e -> e.signal().equals("facet-in-title:token-not-honored"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("title");
              assertThat(e.matchedText()).isEqualTo("unauthenticated");
              assertThat(e.kind()).isEqualTo(Evidence.Kind.CONTEXT);
            });
    assertThat(untitled.evidence())
        .extracting(Evidence::signal)
        .contains("facet:token-not-honored")
        .doesNotContain(
            "facet-in-title:token-not-honored", "facet-in-title:authorization-completed");
  }

  @Test
  void theSameSymptomsWithoutAnMcpServerDoNotMatch() {
    SignatureMatch match =
        only(
            "Login loop",
            "The browser says login successful, but the terminal still needs authentication and"
                + " asks me to log in again.");

    assertThat(match.matched()).isFalse();
  }

  @Test
  void aFlowThatFailsAtTheTokenExchangeIsExcludedAndSaysWhy() {
    SignatureMatch match =
        only(
            "MCP server stuck on needs authentication",
            "The browser part completes, then Claude Code shows Authentication failed:"
                + " invalid_target, and the MCP server stays unauthenticated.");

    assertThat(match.matched()).isFalse();
    assertThat(match.evidence())
        .filteredOn(e -> e.kind() == Evidence.Kind.EXCLUSION)
        .extracting(Evidence::signal)
        .contains("token-exchange-failed");
    assertThat(match.evidence())
        .filteredOn(e -> e.kind() == Evidence.Kind.EXCLUSION)
        .allSatisfy(e -> assertThat(e.weight()).isNegative());
  }

  @Test
  void issueTemplateBoilerplateAloneIsNotEvidence() {
    String template =
        """
        ### Preflight Checklist

        - [x] I have searched existing issues and this hasn't been reported yet
        - [x] This is a single bug report (please file separate reports for different bugs)

        ### What's Wrong?

        _No response_

        ### Claude Code Version

        _No response_
        """;

    SignatureMatch match = only("Bug", template);

    assertThat(match.evidence()).isEmpty();
    assertThat(match.matched()).isFalse();
    assertThat(match.needsLook()).isFalse();
  }

  @Test
  void splitIdentifiersAndInformalWordingAreUnderstood() {
    SignatureMatch match =
        only(
            "figma mcp stuck on needs_auth",
            "logged in like 4 times, it says authenticated every time, still needs auth and no"
                + " tools. mcp is over http");

    assertThat(match.matched()).isTrue();
  }

  @Test
  void quotesCarryNoHalfPairsOfQuoteMarksOrBackticks() {
    SignatureMatch match =
        only(
            "Remote MCP server stays in 'Needs authentication'",
            "Claude Code prints `Authentication successful`, but the server goes straight back to"
                + " `Needs authentication` and it's got no tools.");

    assertThat(match.evidence())
        .extracting(Evidence::matchedText)
        .contains("Needs authentication", "Authentication successful")
        .allSatisfy(quote -> assertThat(quote).doesNotContain("`", "\"", "'N", "n'"));
  }

  @Test
  void anEmptyIssueGetsTheBaseRateAndNothingElse() {
    SignatureMatch match = only("", "");

    FittedModel model = match.signature().fitted().orElseThrow();
    assertThat(match.confidence()).isEqualTo(FittedModel.probability(model.intercept()));
    assertThat(match.confidence()).isLessThan(model.needsLook());
    assertThat(match.evidence()).isEmpty();
  }

  @Test
  void theEvidenceAddsUpToTheConfidence() {
    SignatureMatch match =
        only(
            "Notion MCP connector needs authentication again after every restart",
            "OAuth completes in the browser and says connected, but the token is never saved to"
                + " the keychain and /mcp shows needs authentication. Refresh token is not the"
                + " issue.");

    double intercept = match.signature().fitted().orElseThrow().intercept();
    double logOdds = intercept + match.evidence().stream().mapToDouble(Evidence::weight).sum();
    assertThat(match.confidence()).isCloseTo(FittedModel.probability(logOdds), within(1e-9));
    assertThat(match.evidence()).anyMatch(e -> e.weight() < 0).anyMatch(e -> e.weight() > 0);
  }

  @Test
  void withoutAFittedFileTheHandWeightsDecide() throws Exception {
    Path entry = Path.of("../config/signatures/mcp-oauth-token-not-honored.yml");
    SignatureCatalog handOnly =
        SignatureCatalog.parse(
            List.of(new CatalogSource(entry.toString(), java.nio.file.Files.readString(entry))));
    try (SignatureMatcher hand = new SignatureMatcher(handOnly)) {
      SignatureMatch match =
          hand.score(
                  new IssueText(
                      "Remote MCP server never leaves needs authentication",
                      "Authentication successful in the browser, yet /mcp still needs"
                          + " authentication."))
              .get(0);

      assertThat(match.signature().fitted()).isEmpty();
      assertThat(match.matched()).isTrue();
      // Noisy-OR of the hand weights: every evidence weight is a catalog weight.
      assertThat(match.evidence()).allSatisfy(e -> assertThat(e.weight()).isBetween(-1.0, 1.0));
    }
  }

  @Test
  void aReportTooThinToDecideIsNoMatchButIsKeptForAMaintainersLook() {
    IssueText thin =
        new IssueText(
            "[BUG]", "mcp oauth login works but the server still shows needs authentication");

    assertThat(matcher.match(thin)).isEmpty();
    assertThat(matcher.matchOrLook(thin))
        .singleElement()
        .satisfies(
            look -> {
              assertThat(look.signature().id()).isEqualTo(SIGNATURE);
              assertThat(look.matched()).isFalse();
              assertThat(look.needsLook()).isTrue();
            });
    assertThat(matcher.matchOrLook(new IssueText("Typo in README", "The word 'teh'.")))
        .as("an unrelated report needs no look")
        .isEmpty();
  }

  private static SignatureMatch only(String title, String body) {
    List<SignatureMatch> scores = matcher.score(new IssueText(title, body));
    assertThat(scores).hasSize(1);
    assertThat(scores.get(0).signature().id()).isEqualTo(SIGNATURE);
    return scores.get(0);
  }
}

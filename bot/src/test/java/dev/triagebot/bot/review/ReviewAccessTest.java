package dev.triagebot.bot.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Who may see and use the review page: nobody by default, and then only with the token. */
class ReviewAccessTest {
  static final String TOKEN = "review-token-for-tests";

  static void commonSettings(DynamicPropertyRegistry settings) {
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:review-access-" + UUID.randomUUID());
    settings.add("triage.review.reaction-polling", () -> "false");
  }

  @Nested
  @SpringBootTest
  @AutoConfigureMockMvc
  class WithoutAToken {
    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry settings) {
      commonSettings(settings);
    }

    @Autowired MockMvc mvc;

    @Test
    void thePageItsStatisticsAndItsActionsAreDisabled() throws Exception {
      mvc.perform(get("/review"))
          .andExpect(status().isNotFound())
          .andExpect(content().string(org.hamcrest.Matchers.containsString("disabled")));
      mvc.perform(get("/review/stats.json")).andExpect(status().isNotFound());
      mvc.perform(
              post("/review/suggestions/1/accept").header(HttpHeaders.AUTHORIZATION, "Bearer x"))
          .andExpect(status().isNotFound());
    }
  }

  @Nested
  @SpringBootTest
  @AutoConfigureMockMvc
  class WithAToken {
    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry settings) {
      commonSettings(settings);
      settings.add("triage.review.token", () -> TOKEN);
    }

    @Autowired MockMvc mvc;
    @Autowired Suggestions suggestions;
    @Autowired dev.triagebot.classifier.catalog.SignatureCatalog catalog;

    @Test
    void aReportThatNeedsALookIsOnThePageAndTheStatisticsCountItApartWithTheFitDay()
        throws Exception {
      // given a report too thin to decide
      var signature = catalog.find("mcp-oauth-token-not-honored").orElseThrow();
      var thin =
          new dev.triagebot.classifier.match.SignatureMatch(
              signature, -0.4, 0.41, false, true, List.of());
      long id =
          suggestions.recordNeedsLook(
              new dev.triagebot.bot.issue.IssueSnapshot(
                  0,
                  "octo-org/triage-sandbox",
                  4242,
                  "[BUG] mcp needs auth",
                  "after i log in it still says",
                  List.of(),
                  "river-okafor",
                  false,
                  false,
                  "open",
                  null),
              thin,
              signature.labels());
      String bearer = "Bearer " + TOKEN;

      // when a maintainer opens the page and the statistics
      String page =
          mvc.perform(get("/review").header(HttpHeaders.AUTHORIZATION, bearer))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString();

      // then it is listed as needing a look, and counted apart, beside the fit's day
      assertThat(page)
          .contains("id=\"needs-look-" + id + "\"")
          .contains("since the last fit (" + fittedOn(signature) + ")");
      mvc.perform(get("/review/stats.json").header(HttpHeaders.AUTHORIZATION, bearer))
          .andExpect(status().isOk())
          .andExpect(
              content()
                  .json(
                      "{\"needsLook\": [{\"name\": \"mcp-oauth-token-not-honored\","
                          + " \"made\": 1, \"pending\": 1}],"
                          + " \"sinceFit\": [{\"signature\": \"mcp-oauth-token-not-honored\","
                          + " \"fittedOn\": \""
                          + fittedOn(signature)
                          + "\"}]}"));
    }

    private static String fittedOn(dev.triagebot.classifier.catalog.Signature signature) {
      return signature.fitted().orElseThrow().fittedOn().toString();
    }

    @Test
    void statisticsNeedTheTokenAsABearerOrASignedInSession() throws Exception {
      mvc.perform(get("/review/stats.json")).andExpect(status().isUnauthorized());
      mvc.perform(get("/review/stats.json").header(HttpHeaders.AUTHORIZATION, "Bearer wrong"))
          .andExpect(status().isUnauthorized());
      mvc.perform(get("/review/stats.json").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
          .andExpect(status().isOk())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieThatIsNotTheToken() throws Exception {
      mvc.perform(post("/review/login").param("token", "wrong")).andExpect(status().isForbidden());

      String cookie =
          mvc.perform(post("/review/login").param("token", TOKEN))
              .andExpect(status().isSeeOther())
              .andExpect(header().string(HttpHeaders.LOCATION, "/review"))
              .andReturn()
              .getResponse()
              .getHeader(HttpHeaders.SET_COOKIE);

      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(TOKEN);
    }

    @Test
    void everyAnswerForbidsScriptsFramingAndSniffing() throws Exception {
      for (var request :
          List.of(get("/review"), get("/review/stats.json"), post("/review/login"))) {
        mvc.perform(request)
            .andExpect(header().string("X-Frame-Options", "DENY"))
            .andExpect(header().string("X-Content-Type-Options", "nosniff"))
            .andExpect(header().string("Referrer-Policy", "same-origin"))
            .andExpect(
                header().string("Content-Security-Policy", containsString("default-src 'none'")))
            .andExpect(
                header()
                    .string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
            .andExpect(
                header().string("Content-Security-Policy", not(containsString("unsafe-inline"))));
      }
    }

    @Test
    void aPostFromAnotherOriginIsRefusedEvenWithTheRightTokens() throws Exception {
      mvc.perform(
              post("/review/login")
                  .param("token", TOKEN)
                  .header(HttpHeaders.ORIGIN, "https://evil.example"))
          .andExpect(status().isForbidden());
      mvc.perform(post("/review/login").param("token", TOKEN).header(HttpHeaders.ORIGIN, "null"))
          .andExpect(status().isForbidden());
      mvc.perform(
              post("/review/login")
                  .param("token", TOKEN)
                  .header(HttpHeaders.ORIGIN, "http://localhost"))
          .andExpect(status().isSeeOther());

      Cookie session = new Cookie(ReviewAccess.COOKIE, signIn());
      String page =
          mvc.perform(get("/review").cookie(session))
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(page).doesNotContain("<script");
      mvc.perform(
              post("/review/suggestions/1/accept")
                  .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                  .header(HttpHeaders.ORIGIN, "https://evil.example"))
          .andExpect(status().isForbidden());
    }

    private String signIn() throws Exception {
      return mvc.perform(post("/review/login").param("token", TOKEN))
          .andReturn()
          .getResponse()
          .getCookie(ReviewAccess.COOKIE)
          .getValue();
    }

    @Test
    void anActionFromASignedInBrowserWithoutTheFormTokenIsRefused() throws Exception {
      Cookie session =
          mvc.perform(post("/review/login").param("token", TOKEN))
              .andReturn()
              .getResponse()
              .getCookie("triage_review");

      mvc.perform(post("/review/suggestions/1/accept").cookie(session))
          .andExpect(status().isForbidden());
      mvc.perform(post("/review/suggestions/1/accept").cookie(session).param("csrf", "forged"))
          .andExpect(status().isForbidden());
      // The form token of another session is no better than a forged one.
      mvc.perform(
              post("/review/suggestions/1/accept")
                  .cookie(session)
                  .param("csrf", new ReviewAccess(TOKEN).formToken(signIn())))
          .andExpect(status().isForbidden());
      // With the token as a bearer the request gets through to the (absent) suggestion.
      mvc.perform(
              post("/review/suggestions/1/accept")
                  .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
          .andExpect(status().isNotFound());
    }
  }

  @Test
  void everySessionGetsItsOwnCookieAndFormTokenNeitherDerivedFromTheReviewToken() {
    ReviewAccess access = new ReviewAccess(TOKEN);
    String one = access.newSession();
    String two = access.newSession();

    assertThat(one).isNotEqualTo(two).doesNotContain(TOKEN);
    assertThat(access.isSession(one)).isTrue();
    assertThat(access.isSession(one + "0")).isFalse();
    assertThat(access.formToken(one)).isNotEqualTo(access.formToken(two));
    assertThat(access.isFormToken(one, access.formToken(one))).isTrue();
    assertThat(access.isFormToken(two, access.formToken(one))).isFalse();
    assertThat(new ReviewAccess(TOKEN).isSession(one))
        .as("another process, or after a restart")
        .isFalse();
  }
}

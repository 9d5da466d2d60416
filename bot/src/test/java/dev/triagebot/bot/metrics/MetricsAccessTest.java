package dev.triagebot.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class MetricsAccessTest {

  @Test
  void withoutATokenConfiguredTheEndpointIsNotThereForAnyone() throws Exception {
    MockHttpServletResponse response = scrape(new MetricsAccess(" "), "Bearer anything");

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentAsString()).isEqualTo("{\"error\":\"metrics are disabled\"}");
  }

  @Test
  void onlyTheConfiguredBearerTokenGetsThrough() throws Exception {
    MetricsAccess access = new MetricsAccess("s3cret-scrape-token");

    assertThat(scrape(access, null).getStatus()).isEqualTo(401);
    assertThat(scrape(access, "Bearer s3cret-scrape-toke").getStatus()).isEqualTo(401);
    assertThat(scrape(access, "Basic s3cret-scrape-token").getStatus()).isEqualTo(401);
    MockHttpServletResponse refused = scrape(access, "Bearer wrong");
    assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(refused.getContentAsString()).doesNotContain("s3cret");
    assertThat(scrape(access, "Bearer s3cret-scrape-token").getStatus()).isEqualTo(200);
    assertThat(scrape(access, "bearer  s3cret-scrape-token ").getStatus()).isEqualTo(200);
  }

  private static MockHttpServletResponse scrape(MetricsAccess access, String authorization)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    access.doFilter(request, response, chain);
    // The chain only runs when the request was let through.
    assertThat(chain.getRequest() != null).isEqualTo(response.getStatus() == 200);
    return response;
  }
}

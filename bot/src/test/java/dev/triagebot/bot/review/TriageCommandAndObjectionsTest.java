package dev.triagebot.bot.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.review.TriageCommand.Verb;
import org.junit.jupiter.api.Test;

/** Reading commands and objections out of comment text. */
class TriageCommandAndObjectionsTest {

  @Test
  void aLineStartingWithSlashTriageIsACommandWithItsReason() {
    TriageCommand command =
        TriageCommand.parse("Looked at it.\n  /triage reject  wrong area, it is the proxy\nbye")
            .orElseThrow();

    assertThat(command.verb()).isEqualTo(Verb.REJECT);
    assertThat(command.argument()).isEqualTo("wrong area, it is the proxy");
  }

  @Test
  void quotedOrGluedOrMissingCommandsAreNotCommandsAndOtherWordsAreUnknown() {
    assertThat(TriageCommand.parse("> /triage accept\nI agree with that")).isEmpty();
    assertThat(TriageCommand.parse("/triaged already")).isEmpty();
    assertThat(TriageCommand.parse("please run /triage accept")).isEmpty();
    assertThat(TriageCommand.parse("/triage").orElseThrow().verb()).isEqualTo(Verb.UNKNOWN);
    assertThat(TriageCommand.parse("/triage ACCEPT").orElseThrow().verb()).isEqualTo(Verb.ACCEPT);
    assertThat(TriageCommand.parse("/triage approve").orElseThrow().verb()).isEqualTo(Verb.UNKNOWN);
  }

  @Test
  void reportersSayingItIsNotThisProblemAreObjections() {
    assertThat(Objections.raisedIn("This is not a duplicate, I use an API key.")).isTrue();
    assertThat(Objections.raisedIn("It isn’t the same problem: mine fails before login.")).isTrue();
    assertThat(Objections.raisedIn("Not related to #60260 at all")).isTrue();
    assertThat(Objections.raisedIn("I think this is a different issue")).isTrue();
  }

  @Test
  void agreementQuestionsQuotesAndLogsAreNotObjections() {
    assertThat(Objections.raisedIn("Yes, same problem here. Thanks!")).isFalse();
    assertThat(Objections.raisedIn("Is this not a duplicate of the startup bug?")).isFalse();
    assertThat(Objections.raisedIn("> This is not a duplicate\nit is, sorry")).isFalse();
    assertThat(Objections.raisedIn("```\nerror: not a duplicate key\n```\nsame here")).isFalse();
  }
}

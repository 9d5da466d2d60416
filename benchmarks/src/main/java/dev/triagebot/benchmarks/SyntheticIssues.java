package dev.triagebot.benchmarks;

import dev.triagebot.classifier.text.IssueText;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic issue tracker: issues about a few thousand recurring problems
 * ("topics", whose popularity follows a power law), written with a Zipf-distributed vocabulary of
 * common English, the domain's words and a long tail of identifiers, with bodies whose lengths
 * follow a log-normal around real reports' (a median near 650 characters), some issue-template
 * headings and some log lines.
 */
final class SyntheticIssues {
  private static final String[] COMMON =
      words(
          "the to and a i it is in of that this for on with not but when my was have be after it's"
              + " can from at does an as i'm or just all so if are no what then now even get still"
              + " same again only every also any some there time way before other one would should"
              + " doesn't don't can't didn't while since like see seems think tried try trying works"
              + " working worked used using use make makes made need needs know happens happening"
              + " expected instead actually really please thanks help issue problem bug fix fixed"
              + " update updated version latest new old first last second next start started"
              + " stop stopped run running ran open opens close closed show shows shown keep keeps"
              + " go goes going back out up down into because until though without anymore");
  private static final String[] DOMAIN =
      words(
          "claude code terminal session prompt model response tool tools command commands mcp"
              + " server servers oauth token auth authentication login browser config settings json"
              + " file files directory path project repo git branch worktree hook hooks permission"
              + " permissions allow deny bash shell zsh powershell windows macos linux wsl docker"
              + " container vscode extension ide jetbrains cursor diff edit write read grep search"
              + " webfetch subagent agent task todo memory context compact compaction resume"
              + " continue history scroll scrollback flicker render output input paste clipboard"
              + " image keyboard shortcut cost usage limit plan max pro api key bedrock vertex"
              + " proxy network timeout error errors crash crashes hang hangs freeze slow fast cpu"
              + " ram leak stdout stderr log logs debug stack trace exception undefined null"
              + " failed failure fails refused denied invalid missing unknown expired callback"
              + " redirect port localhost http https sse stdio transport reconnect connection"
              + " disconnected status statusline theme color colors unicode emoji markdown table"
              + " npm node npx uvx python pip install installer native binary upgrade downgrade"
              + " sandbox network environment variable variables env dotenv keychain credentials");
  private static final String[] HEADINGS = {
    "### What's Wrong?",
    "### Steps to Reproduce",
    "### Expected Behavior",
    "### Claude Code Version",
    "### Platform",
    "### Operating System",
    "### Is this a regression?"
  };
  private static final String[] SYLLABLES =
      words(
          "ka lo mi ne su ta ri po ve zu an or el ix um qua tre blo fen gar hul jin kor lem mav nix"
              + " pra quo rus sel tov ulm vex wra yen zol");
  private static final int TAIL_WORDS = 30_000;
  private static final int TOPICS = 3_000;

  private final SplittableRandom random;
  private final String[] tail = new String[TAIL_WORDS];
  private final Zipf commonWords = new Zipf(COMMON.length, 1.0);
  private final Zipf domainWords = new Zipf(DOMAIN.length, 0.9);
  private final Zipf tailWords = new Zipf(TAIL_WORDS, 1.05);
  private final Zipf topicPopularity = new Zipf(TOPICS, 0.8);
  private final String[][] topicWords = new String[TOPICS][];
  private final String[] topicAreas = new String[TOPICS];
  private final List<List<Integer>> issuesByTopic = new ArrayList<>();

  SyntheticIssues(long seed) {
    random = new SplittableRandom(seed);
    for (int i = 0; i < TAIL_WORDS; i++) {
      StringBuilder word = new StringBuilder();
      int syllables = 2 + random.nextInt(3);
      for (int s = 0; s < syllables; s++) {
        word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      tail[i] =
          random.nextInt(10) == 0
              ? word + "_" + SYLLABLES[random.nextInt(SYLLABLES.length)]
              : word.toString();
    }
    String[] areas = {
      "mcp", "auth", "tui", "hooks", "ide", "permissions", "cost", "model", "memory", "tools"
    };
    for (int t = 0; t < TOPICS; t++) {
      String[] words = new String[12];
      for (int w = 0; w < words.length; w++) {
        words[w] = w < 4 ? DOMAIN[domainWords.sample(random)] : tail[random.nextInt(TAIL_WORDS)];
      }
      topicWords[t] = words;
      topicAreas[t] = "area:" + areas[t % areas.length];
      issuesByTopic.add(new ArrayList<>());
    }
  }

  /** The next issue of the history, numbered {@code number}. */
  IndexedIssue issue(int number) {
    int topic = topicPopularity.sample(random);
    IssueText text = text(topic);
    Instant created = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofMinutes(5L * number));
    List<Integer> earlier = issuesByTopic.get(topic);
    IndexedIssue.State state =
        random.nextInt(10) < 7 ? IndexedIssue.State.CLOSED : IndexedIssue.State.OPEN;
    IndexedIssue.StateReason reason = null;
    Integer duplicateOf = null;
    if (state == IndexedIssue.State.CLOSED) {
      int roll = random.nextInt(10);
      if (roll < 3 && !earlier.isEmpty()) {
        reason = IndexedIssue.StateReason.DUPLICATE;
        duplicateOf = earlier.get(random.nextInt(earlier.size()));
      } else {
        reason =
            roll < 8 ? IndexedIssue.StateReason.COMPLETED : IndexedIssue.StateReason.NOT_PLANNED;
      }
    }
    earlier.add(number);
    List<String> labels = new ArrayList<>();
    if (random.nextInt(10) < 8) {
      labels.add(topicAreas[topic]);
    }
    if (random.nextInt(3) == 0) {
      labels.add("bug");
    }
    return new IndexedIssue(
        number,
        text.title(),
        text.body(),
        state,
        reason,
        labels,
        "NONE",
        created,
        created.plus(Duration.ofDays(1 + random.nextInt(30))),
        duplicateOf);
  }

  /** A new report about one of the recurring problems, as a query. */
  IssueText newReport() {
    return text(topicPopularity.sample(random));
  }

  private IssueText text(int topic) {
    String title = sentence(topic, 4 + random.nextInt(8), 0.5);
    StringBuilder body = new StringBuilder();
    boolean template = random.nextInt(10) < 3;
    int words = (int) Math.min(1_500, Math.max(15, Math.exp(Math.log(110) + 0.7 * gaussian())));
    int heading = 0;
    while (words > 0) {
      if (template && heading < HEADINGS.length && random.nextInt(3) == 0) {
        body.append(HEADINGS[heading++]).append("\n\n");
      }
      int length = Math.min(words, 6 + random.nextInt(15));
      body.append(capitalise(sentence(topic, length, 0.25))).append(". ");
      words -= length;
      if (random.nextInt(6) == 0) {
        body.append("\n\n");
      }
      if (random.nextInt(12) == 0) {
        body.append("\n```\n").append(logLine(topic)).append("\n```\n");
      }
    }
    if (random.nextInt(3) == 0) {
      body.append("\n\nClaude Code 2.1.").append(random.nextInt(160));
    }
    return new IssueText(title, body.toString());
  }

  private String sentence(int topic, int length, double topicShare) {
    StringBuilder sentence = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        sentence.append(' ');
      }
      double roll = random.nextDouble();
      if (roll < topicShare) {
        sentence.append(topicWords[topic][random.nextInt(topicWords[topic].length)]);
      } else if (roll < topicShare + 0.45) {
        sentence.append(COMMON[commonWords.sample(random)]);
      } else if (roll < topicShare + 0.7) {
        sentence.append(DOMAIN[domainWords.sample(random)]);
      } else {
        sentence.append(tail[tailWords.sample(random)]);
      }
    }
    return sentence.toString();
  }

  private String logLine(int topic) {
    String[] words = topicWords[topic];
    return "[%02d:%02d:%02d] Error: %s %s failed: %s (code %d)"
        .formatted(
            random.nextInt(24),
            random.nextInt(60),
            random.nextInt(60),
            words[4 + random.nextInt(8)],
            words[random.nextInt(4)],
            words[4 + random.nextInt(8)],
            1 + random.nextInt(600));
  }

  private double gaussian() {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static String capitalise(String sentence) {
    return sentence.isEmpty()
        ? sentence
        : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }

  private static String[] words(String list) {
    return list.trim().split("\\s+");
  }

  /** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent. */
  private static final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double exponent) {
      cumulative = new double[n];
      double sum = 0;
      for (int rank = 0; rank < n; rank++) {
        sum += 1 / Math.pow(rank + 1, exponent);
        cumulative[rank] = sum;
      }
      for (int rank = 0; rank < n; rank++) {
        cumulative[rank] /= sum;
      }
    }

    int sample(SplittableRandom random) {
      int index = Arrays.binarySearch(cumulative, random.nextDouble());
      return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }
  }
}

/*
 * Open-loop load benchmark of webhook ingress: the bot and a bare-HMAC JDK HttpServer (the floor
 * for any bot on this machine) side by side, in the same run, at fixed arrival rates.
 *
 * Open loop: request i is due at start + i/rate whatever happened to earlier ones, and its latency
 * is counted from when it was due, not from when it was sent, so a stalled server cannot slow the
 * generator down and hide its own stall (no coordinated omission; WebhookLatency.java is
 * closed-loop and does not show this). Each request is a signed issues.opened (the README's
 * example, a matching issue) with a unique delivery id and issue number; 10 s timeout, as GitHub.
 * The requests of a burst are encoded and signed before it starts and sent by one selector thread
 * (OpenLoopSender), each on a connection of its own (GitHub does not document reusing them); the
 * generator's own CPU per request is printed beside the bot's and the floor's.
 *
 * For every store it starts a fresh bot (dry-run, development secret, a new H2 directory or
 * PostgreSQL schema) and warms it up; then for every rate it waits for an empty backlog, measures
 * RSS at rest, sends the burst, waits for the backlog to drain and checks that every accepted
 * delivery's job is done, then sends the same burst to the bare server. Needs only a JDK:
 *
 *   ./mvnw -q -B package -DskipTests
 *   java scripts/WebhookLoad.java --rates 200,1000,2000 --seconds 20 \
 *       --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
 *
 * Options: --jar (bot/target/triage-bot.jar), --payload (examples/issues-opened-mcp-oauth.json),
 * --rates (200,1000,2000), --seconds (20), --warmup-seconds (10: the most the bot is warmed up at
 * 200/s, in rounds of 10 s each followed by its drain, ending early once its JIT compilers use less
 * than a tenth of a core; the bare server gets at most 30 s), --stores (h2, plus
 * postgres when --postgres is given), --postgres JDBC URL, --pg-user (postgres), --heap (256m; the
 * bot also runs with -XX:TrimNativeHeapInterval=2000 -XX:PerMethodTrapLimit=0, as the README
 * recommends for 512 MB and bursts, which a later -XX:TrimNativeHeapInterval=0 or
 * -XX:PerMethodTrapLimit=100 in --jvm-args turns off),
 * --drain-timeout-seconds (600), --bot-args (extra arguments for the bot, space-separated),
 * --jvm-args (extra JVM options for the bot, space-separated, e.g. a flight recording),
 * --keep-alive (false; true sends each request on an idle connection when there is one, as a
 * pooling client would),
 * --replicas (1; more than one needs --stores postgres: that many bots share one schema and the
 * generator spreads the deliveries over them in turn, as a round-robin load balancer would; RSS is
 * the largest replica's, CPU the sum of all),
 * --timeline (false; true prints each second of a bot's burst: answers, 503s and latencies of the
 * requests due in it, to tell a few stalls from a slowness spread over the whole burst).
 * The CPU of PostgreSQL's processes on this machine is printed per request as the store's.
 */
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookLoad {
  private static final String SECRET = "dev-secret";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int WARMUP_RATE = 200;
  private static final int WARMUP_ROUND_SECONDS = 10;

  /** Compiler CPU per wall-clock time below which the bot counts as warm: 10% of one core. */
  private static final double WARM_COMPILER_SHARE = 0.1;

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--serve-baseline")) {
      serveBaseline(Integer.parseInt(args[1]));
      return;
    }
    // A run stopped early (Ctrl-C, kill) takes its bots and the floor with it: left running,
    // they would take the cores of the next run.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path jar = Path.of(options.getOrDefault("jar", "bot/target/triage-bot.jar"));
    String payload =
        Files.readString(
            Path.of(options.getOrDefault("payload", "examples/issues-opened-mcp-oauth.json")));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
    int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup-seconds", "10"));
    String postgres = options.get("postgres");
    List<String> stores =
        List.of(options.getOrDefault("stores", postgres == null ? "h2" : "h2,postgres").split(","));
    List<Integer> rates =
        Arrays.stream(options.getOrDefault("rates", "200,1000,2000").split(","))
            .map(Integer::parseInt)
            .toList();
    Duration drainTimeout =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain-timeout-seconds", "600")));
    Deliveries deliveries = new Deliveries(payload);
    keepAlive = Boolean.parseBoolean(options.getOrDefault("keep-alive", "false"));
    timeline = Boolean.parseBoolean(options.getOrDefault("timeline", "false"));

    int baselinePort = freePort();
    Process baseline =
        new ProcessBuilder(
                javaBin(),
                "-Xmx128m",
                // Answers at once instead of waiting for the client's delayed ACK (40 ms with
                // keep-alive: the server writes headers and body separately).
                "-Dsun.net.httpserver.nodelay=true",
                Path.of("scripts", "WebhookLoad.java").toString(),
                "--serve-baseline",
                String.valueOf(baselinePort))
            .inheritIO()
            .start();
    URI baselineUrl = URI.create("http://127.0.0.1:" + baselinePort + "/github/webhook");
    awaitUp(URI.create("http://127.0.0.1:" + baselinePort + "/health"), Duration.ofSeconds(60));
    load(List.of(baselineUrl), deliveries, WARMUP_RATE, Math.min(30, warmupSeconds));

    System.out.printf(
        "%nopen loop, %d s per rate, payload %d bytes, %d cores, bot heap %s%n",
        seconds,
        deliveries.sample().length,
        Runtime.getRuntime().availableProcessors(),
        options.getOrDefault("heap", "256m"));
    System.out.println(
        "| store | rate/s | bot: 2xx / 503 / timeout+error of sent | bot ack p50 / p99 / max (ms)"
            + " | bot 503 p99 (ms) | bare HMAC: p50 / p99 / max (ms), timeouts | drain after burst"
            + " | jobs stored / done / failed | RSS rest / peak (MB) | load avg; send lag p99 (ms)"
            + " | CPU ms per request, bot / store / bare / generator | connections dropped by a full accept queue, bot / bare |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    try {
      for (String store : stores) {
        // One bot per store, warmed up once; each rate starts with an empty backlog.
        Fleet bot = Fleet.start(jar, store, postgres, options);
        try {
          System.out.println(warmUp(bot, deliveries, warmupSeconds, drainTimeout));
          for (int rate : rates) {
            bot.awaitDrained(drainTimeout);
            long rest = bot.rssKb();
            AtomicLong peak = new AtomicLong(rest);
            Map<String, Integer> jobsBefore = bot.jobCounts();
            int before = total(jobsBefore);
            int doneBefore = jobsBefore.getOrDefault("done", 0);
            int failedBefore = jobsBefore.getOrDefault("failed", 0);
            Thread sampler = new Thread(() -> sample(bot, peak));
            sampler.setDaemon(true);
            sampler.start();
            long botCpu = bot.cpuMillis();
            long storeCpu = postgresCpuMillis();
            Result result = load(bot.urls(), deliveries, rate, seconds, bot.pids());
            botCpu = bot.cpuMillis() - botCpu;
            storeCpu = postgresCpuMillis() - storeCpu;
            long burstEnd = System.nanoTime();
            String drain = bot.awaitDrained(drainTimeout);
            double drainSeconds = (System.nanoTime() - burstEnd) / 1e9;
            sampler.interrupt();
            Map<String, Integer> jobs = bot.jobCounts();
            long floorCpu = cpuMillis(baseline.pid());
            Result floor = load(List.of(baselineUrl), deliveries, rate, seconds);
            floorCpu = cpuMillis(baseline.pid()) - floorCpu;
            System.out.printf(
                "| %s%s | %d | %d / %d / %d of %d | %s | %s | %s, %d | %s | %d / %d / %d | %d / %d | %s; %s | %.2f / %s / %.2f / %.2f | %d / %d |%n",
                store,
                bot.replicas.size() > 1 ? " × " + bot.replicas.size() : "",
                rate,
                result.count(200, 299),
                result.count(503, 503),
                result.failed(),
                result.sent(),
                result.percentiles(200, 299),
                result.p99(503),
                floor.percentiles(200, 299),
                floor.failed(),
                drain == null ? String.format(Locale.ROOT, "%.1f s", drainSeconds) : drain,
                total(jobs) - before,
                jobs.getOrDefault("done", 0) - doneBefore,
                jobs.getOrDefault("failed", 0) - failedBefore,
                rest / 1024,
                peak.get() / 1024,
                result.loadAverage(),
                result.sendLag(),
                (double) botCpu / result.sent(),
                store.equals("postgres")
                    ? String.format(Locale.ROOT, "%.2f", (double) storeCpu / result.sent())
                    : "in the bot's",
                (double) floorCpu / floor.sent(),
                (double) result.generatorCpuMillis() / result.sent(),
                result.listenDrops(),
                floor.listenDrops());
            if (timeline) {
              System.out.print(result.timeline(rate));
            }
          }
        } finally {
          bot.stop();
        }
      }
    } finally {
      baseline.destroy();
    }
    System.exit(0);
  }

  /** Signed deliveries of one payload, each with its own delivery id and issue number. */
  static final class Deliveries {
    private static final Pattern ISSUE_NUMBER = Pattern.compile("\"number\": \\d+");
    private final String template;
    private final AtomicLong next = new AtomicLong(100_000);

    Deliveries(String payload) {
      Matcher first = ISSUE_NUMBER.matcher(payload);
      if (!first.find()) {
        throw new IllegalArgumentException("the payload has no \"number\": N to vary");
      }
      template = payload.substring(0, first.start()) + "\"number\": %d" + payload.substring(first.end());
    }

    byte[] sample() {
      return body(1);
    }

    byte[] body(long number) {
      return template.replace("%d", Long.toString(number)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The next delivery as the bytes of one HTTP/1.1 request, signed as GitHub signs it; without
     * keep-alive it asks the server to close the connection after its answer.
     */
    ByteBuffer request(URI url, Mac mac, boolean keepAlive) {
      byte[] body = body(next.incrementAndGet());
      String head =
          "POST " + url.getRawPath() + " HTTP/1.1\r\n"
              + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
              + "User-Agent: GitHub-Hookshot/webhook-load\r\n"
              + "Content-Type: application/json\r\n"
              + "X-GitHub-Event: issues\r\n"
              + "X-GitHub-Delivery: " + UUID.randomUUID() + "\r\n"
              + "X-Hub-Signature-256: sha256=" + HexFormat.of().formatHex(mac.doFinal(body)) + "\r\n"
              + "Content-Length: " + body.length + "\r\n"
              + (keepAlive ? "" : "Connection: close\r\n")
              + "\r\n";
      byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
      return ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
    }
  }

  /** What one burst got: per request, its status (0: timeout or error) and latency from due. */
  record Result(
      int[] status,
      long[] nanos,
      long[] lag,
      String loadAverage,
      long listenDrops,
      long generatorCpuMillis,
      List<Map<String, Long>> threadCpu) {
    /** How late the generator itself sent, p99 in ms: above a few ms the machine is saturated. */
    String sendLag() {
      long[] sorted = lag.clone();
      Arrays.sort(sorted);
      return ms(sorted, 0.99);
    }

    int sent() {
      return status.length;
    }

    int count(int from, int to) {
      return (int) Arrays.stream(status).filter(s -> s >= from && s <= to).count();
    }

    int failed() {
      return count(0, 0);
    }

    private long[] sorted(int from, int to) {
      List<Long> picked = new ArrayList<>();
      for (int i = 0; i < status.length; i++) {
        if (status[i] >= from && status[i] <= to) {
          picked.add(nanos[i]);
        }
      }
      return picked.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    String percentiles(int from, int to) {
      long[] sorted = sorted(from, to);
      if (sorted.length == 0) {
        return "–";
      }
      return String.format(
          Locale.ROOT,
          "%s / %s / %s",
          ms(sorted, 0.50),
          ms(sorted, 0.99),
          ms(sorted, 1.0));
    }

    String p99(int status) {
      long[] sorted = sorted(status, status);
      return sorted.length == 0 ? "–" : ms(sorted, 0.99);
    }

    /** Per second of due time: 2xx, 503, failed, and the 2xx latencies p50 / p99 / max. */
    String timeline(int rate) {
      StringBuilder lines = new StringBuilder();
      for (int from = 0; from < status.length; from += rate) {
        Result second =
            new Result(
                Arrays.copyOfRange(status, from, Math.min(status.length, from + rate)),
                Arrays.copyOfRange(nanos, from, Math.min(nanos.length, from + rate)),
                lag,
                loadAverage,
                listenDrops,
                generatorCpuMillis,
                List.of());
        int index = from / rate;
        lines.append(
            String.format(
                Locale.ROOT,
                "  second %2d: 2xx %4d, 503 %4d, failed %d; 2xx p50 / p99 / max %s ms; CPU ms %s%n",
                index + 1,
                second.count(200, 299),
                second.count(503, 503),
                second.failed(),
                second.percentiles(200, 299),
                index < threadCpu.size() ? busiest(threadCpu.get(index)) : "–"));
      }
      return lines.toString();
    }

    private static String busiest(Map<String, Long> used) {
      return used.entrySet().stream()
          .filter(kind -> kind.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(6)
          .map(kind -> kind.getKey() + " " + kind.getValue())
          .collect(java.util.stream.Collectors.joining(", "));
    }

    static String ms(long[] sorted, double quantile) {
      int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
      double millis = sorted[Math.max(0, index)] / 1e6;
      return millis < 10
          ? String.format(Locale.ROOT, "%.1f", millis)
          : String.format(Locale.ROOT, "%.0f", millis);
    }
  }

  /**
   * Sends rate × seconds requests, each due at its own time, and waits for every answer or its
   * timeout. The requests are encoded and signed before the burst, so the burst itself costs the
   * generator only its socket calls.
   */
  static Result load(List<URI> urls, Deliveries deliveries, int rate, int seconds)
      throws Exception {
    return load(urls, deliveries, rate, seconds, List.of());
  }

  /** As above; with --timeline, also samples the CPU of {@code sampled}'s threads each second. */
  static Result load(
      List<URI> urls, Deliveries deliveries, int rate, int seconds, List<Long> sampled)
      throws Exception {
    int count = rate * seconds;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    ByteBuffer[] requests = new ByteBuffer[count];
    for (int i = 0; i < count; i++) {
      requests[i] = deliveries.request(urls.get(i % urls.size()), mac, keepAlive);
    }
    String loadBefore = loadAverage();
    long dropsBefore = listenDrops();
    long cpuBefore = ownCpuMillis();
    OpenLoopSender sender = new OpenLoopSender(urls, requests, rate);
    ThreadSampler threads = new ThreadSampler(timeline ? sampled : List.of());
    threads.start();
    sender.run();
    threads.interrupt();
    threads.join();
    return new Result(
        sender.status,
        sender.nanos,
        sender.lag,
        loadBefore + " → " + loadAverage(),
        listenDrops() - dropsBefore,
        ownCpuMillis() - cpuBefore,
        threads.perSecond);
  }

  /**
   * The CPU of the bot's threads, by kind (digits in names dropped, so Tomcat's request threads are
   * one), and of PostgreSQL's processes, in each second of a burst.
   */
  static final class ThreadSampler extends Thread {
    final List<Map<String, Long>> perSecond = new ArrayList<>();
    private final List<Long> pids;

    ThreadSampler(List<Long> pids) {
      this.pids = pids;
      setDaemon(true);
    }

    @Override
    public void run() {
      if (pids.isEmpty()) {
        return;
      }
      Map<String, Long> last = snapshot();
      long next = System.nanoTime();
      while (!isInterrupted()) {
        next += TimeUnit.SECONDS.toNanos(1);
        try {
          TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
        } catch (InterruptedException stop) {
          return;
        }
        Map<String, Long> now = snapshot();
        Map<String, Long> used = new HashMap<>();
        now.forEach((kind, millis) -> used.put(kind, millis - last.getOrDefault(kind, 0L)));
        perSecond.add(used);
        last.clear();
        last.putAll(now);
      }
    }

    private Map<String, Long> snapshot() {
      Map<String, Long> millis = new HashMap<>();
      millis.put("postgres", postgresCpuMillis());
      for (long pid : pids) {
        threadCpuByKind(pid).forEach((kind, used) -> millis.merge(kind, used, Long::sum));
      }
      return millis;
    }
  }

  /** Whether each second of a bot's burst is printed (--timeline true). */
  static boolean timeline;

  /** Whether the generator reuses a connection for the next request (--keep-alive true). */
  static boolean keepAlive;

  private static long ownCpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  /**
   * An open-loop HTTP/1.1 client on one selector thread: request i goes out at its due time on an
   * idle connection (with --keep-alive true) or a new one, whatever earlier requests are doing.
   *
   * <p>Hand-rolled because the JDK's HttpClient spent 0.9–1.9 ms of CPU per request on this
   * machine (one to two of its two cores at 1,000/s; against the bare server alone it sent up to
   * 0.8 s late), so the benchmark measured its own generator; and no load tool installable here
   * sends open loop with a distinct signed body per request (wrk is closed loop). It reads just
   * enough of an answer to know its status and where it ends: Content-Length, a chunked body's last
   * chunk, or the end of the connection.
   */
  static final class OpenLoopSender {
    final int[] status;
    final long[] nanos;
    final long[] lag;
    private final ByteBuffer[] requests;
    private final List<InetSocketAddress> targets;
    private final long start;
    private final long interval;
    private final boolean[] done;
    private final Exchange[] carrying;
    private final List<ArrayDeque<Exchange>> idle = new ArrayList<>();
    private int finished;

    OpenLoopSender(List<URI> urls, ByteBuffer[] requests, int rate) {
      this.requests = requests;
      this.targets =
          urls.stream().map(url -> new InetSocketAddress(url.getHost(), url.getPort())).toList();
      urls.forEach(url -> idle.add(new ArrayDeque<>()));
      status = new int[requests.length];
      nanos = new long[requests.length];
      lag = new long[requests.length];
      done = new boolean[requests.length];
      carrying = new Exchange[requests.length];
      interval = 1_000_000_000L / rate;
      start = System.nanoTime() + 100_000_000L;
    }

    private long due(int index) {
      return start + index * interval;
    }

    void run() throws IOException {
      try (Selector selector = Selector.open()) {
        int next = 0;
        int oldest = 0;
        while (finished < requests.length) {
          long now = System.nanoTime();
          for (; next < requests.length && due(next) <= now; next++) {
            send(selector, next, now);
          }
          for (; oldest < next && (done[oldest] || now - due(oldest) >= TIMEOUT.toNanos()); oldest++) {
            fail(oldest, now);
          }
          long wait =
              next < requests.length
                  ? due(next) - now
                  : oldest < requests.length ? due(oldest) + TIMEOUT.toNanos() - now : 0;
          // Whole milliseconds: a request may go out up to 1 ms late, which its lag records.
          selector.select(Math.max(1, wait / 1_000_000));
          now = System.nanoTime();
          for (SelectionKey key : selector.selectedKeys()) {
            handle(key, (Exchange) key.attachment(), now);
          }
          selector.selectedKeys().clear();
        }
        for (ArrayDeque<Exchange> connections : idle) {
          connections.forEach(Exchange::close);
        }
      }
    }

    private void send(Selector selector, int index, long now) {
      lag[index] = now - due(index);
      int target = index % targets.size();
      Exchange exchange = idle.get(target).poll();
      try {
        if (exchange == null) {
          SocketChannel channel = SocketChannel.open();
          channel.configureBlocking(false);
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          exchange = new Exchange(channel, target);
          exchange.key = channel.register(selector, 0, exchange);
          exchange.connected = channel.connect(targets.get(target));
        }
        exchange.begin(index, requests[index]);
        carrying[index] = exchange;
        if (exchange.connected) {
          exchange.write();
        } else {
          exchange.key.interestOps(SelectionKey.OP_CONNECT);
        }
      } catch (IOException refused) {
        if (exchange != null) {
          exchange.close();
        }
        fail(index, now);
      }
    }

    private void handle(SelectionKey key, Exchange exchange, long now) {
      int index = exchange.index;
      try {
        if (key.isValid() && key.isConnectable()) {
          exchange.connected = exchange.channel.finishConnect();
          if (exchange.connected) {
            exchange.write();
          }
        }
        if (key.isValid() && key.isWritable()) {
          exchange.write();
        }
        if (key.isValid() && key.isReadable()) {
          int answer = exchange.read();
          if (answer == Exchange.INCOMPLETE) {
            return;
          }
          if (index >= 0 && !done[index]) {
            done[index] = true;
            status[index] = answer == Exchange.CLOSED ? 0 : answer;
            nanos[index] = now - due(index);
            carrying[index] = null;
            finished++;
          }
          if (answer != Exchange.CLOSED && keepAlive && !exchange.closeAfter) {
            exchange.index = -1;
            exchange.in.clear();
            idle.get(exchange.target).push(exchange);
          } else {
            idle.get(exchange.target).remove(exchange);
            exchange.close();
          }
        }
      } catch (IOException broken) {
        idle.get(exchange.target).remove(exchange);
        exchange.close();
        if (index >= 0) {
          fail(index, now);
        }
      }
    }

    /** Counts a request that got no answer (timeout, refused, reset) as status 0. */
    private void fail(int index, long now) {
      if (done[index]) {
        return;
      }
      done[index] = true;
      status[index] = 0;
      nanos[index] = now - due(index);
      finished++;
      if (carrying[index] != null) {
        carrying[index].close();
        carrying[index] = null;
      }
    }
  }

  /** One connection and the request it carries; index -1, and nothing read, while idle. */
  static final class Exchange {
    static final int INCOMPLETE = -1;
    static final int CLOSED = -2;
    final SocketChannel channel;
    final int target;
    SelectionKey key;
    boolean connected;
    boolean closeAfter;
    int index = -1;
    private ByteBuffer out;
    ByteBuffer in = ByteBuffer.allocate(1024);

    Exchange(SocketChannel channel, int target) {
      this.channel = channel;
      this.target = target;
    }

    void begin(int index, ByteBuffer request) {
      this.index = index;
      out = request;
      closeAfter = false;
    }

    void write() throws IOException {
      channel.write(out);
      key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** The answer's status once it is complete, INCOMPLETE before, CLOSED if none came. */
    int read() throws IOException {
      if (!in.hasRemaining()) {
        in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
      }
      int read = channel.read(in);
      int status = parse(read < 0);
      return status == INCOMPLETE && read < 0 ? CLOSED : status;
    }

    private int parse(boolean ended) {
      byte[] bytes = in.array();
      int length = in.position();
      int headEnd = indexOf(bytes, length, "\r\n\r\n");
      if (headEnd < 0 || length < 12) {
        return INCOMPLETE;
      }
      String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      int status = Integer.parseInt(head.substring(9, 12));
      closeAfter = head.contains("\r\nconnection: close");
      int bodyStart = headEnd + 4;
      Matcher contentLength = CONTENT_LENGTH.matcher(head);
      if (contentLength.find()) {
        return length >= bodyStart + Integer.parseInt(contentLength.group(1)) ? status : INCOMPLETE;
      }
      if (head.contains("\r\ntransfer-encoding: chunked")) {
        return endsWith(bytes, length, "0\r\n\r\n") ? status : INCOMPLETE;
      }
      closeAfter = true;
      return ended ? status : INCOMPLETE;
    }

    void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing is all that is left to do with it.
      }
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    private static int indexOf(byte[] bytes, int length, String text) {
      outer:
      for (int i = 0; i + text.length() <= length; i++) {
        for (int j = 0; j < text.length(); j++) {
          if (bytes[i + j] != text.charAt(j)) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    private static boolean endsWith(byte[] bytes, int length, String text) {
      if (length < text.length()) {
        return false;
      }
      for (int j = 0; j < text.length(); j++) {
        if (bytes[length - text.length() + j] != text.charAt(j)) {
          return false;
        }
      }
      return true;
    }
  }

  /** One or more replicas of the bot on one fresh store; the first answers for the shared queue. */
  record Fleet(List<Bot> replicas) {
    static Fleet start(Path jar, String store, String postgres, Map<String, String> options)
        throws Exception {
      int count = Integer.parseInt(options.getOrDefault("replicas", "1"));
      if (count > 1 && !store.equals("postgres")) {
        throw new IllegalArgumentException("--replicas above 1 needs a shared store: postgres");
      }
      List<Bot> replicas = new ArrayList<>();
      try {
        // The first creates the schema (Flyway); the others join it.
        Bot first = Bot.start(jar, store, postgres, options, null);
        replicas.add(first);
        for (int i = 1; i < count; i++) {
          replicas.add(Bot.start(jar, store, postgres, options, first.schema));
        }
      } catch (Exception failed) {
        new Fleet(replicas).stop();
        throw failed;
      }
      return new Fleet(replicas);
    }

    List<URI> urls() {
      return replicas.stream().map(bot -> bot.url).toList();
    }

    String awaitDrained(Duration atMost) throws Exception {
      return replicas.get(0).awaitDrained(atMost);
    }

    /**
     * Jobs queued, running and parked in the store, from one replica's health; jobs finished, from
     * every replica's job counters (the health endpoint does not count them: that read every job).
     */
    Map<String, Integer> jobCounts() throws Exception {
      Map<String, Integer> counts = replicas.get(0).jobCounts();
      int finished = 0;
      for (Bot replica : replicas) {
        finished += replica.jobsFinished();
      }
      counts.put("done", finished);
      return counts;
    }

    long rssKb() {
      return replicas.stream().mapToLong(Bot::rssKb).max().orElse(0);
    }

    long cpuMillis() {
      return replicas.stream().mapToLong(bot -> WebhookLoad.cpuMillis(bot.process.pid())).sum();
    }

    List<Long> pids() {
      return replicas.stream().map(bot -> bot.process.pid()).toList();
    }

    long compilerMillis() {
      return replicas.stream()
          .mapToLong(bot -> WebhookLoad.compilerMillis(bot.process.pid()))
          .sum();
    }

    void stop() throws Exception {
      // The schema goes with the first replica, once the others have stopped.
      for (int i = replicas.size() - 1; i >= 0; i--) {
        replicas.get(i).stop();
      }
    }
  }

  /** The bots' metrics token: not a secret, the bots listen on loopback for this run only. */
  static final String METRICS_TOKEN = "webhook-load";

  static final Pattern FINISHED_JOBS =
      Pattern.compile(
          "(?m)^triage_jobs_total\\{[^}]*outcome=\"(?:done|skipped)\"[^}]*}\\s+(\\S+)$");

  /** The bot as a child process with a fresh store, or joining a replica's schema. */
  static final class Bot {
    final Process process;
    final URI url;
    final URI health;
    final Path dataDir;
    /** The schema this bot drops when it stops: the one it created, null when it joined one. */
    final String ownedSchema;
    final String schema;
    final String postgres;

    private Bot(
        Process process,
        int port,
        Path dataDir,
        String ownedSchema,
        String schema,
        String postgres) {
      this.process = process;
      this.url = URI.create("http://127.0.0.1:" + port + "/github/webhook");
      this.health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
      this.dataDir = dataDir;
      this.ownedSchema = ownedSchema;
      this.schema = schema;
      this.postgres = postgres;
    }

    static Bot start(
        Path jar, String store, String postgres, Map<String, String> options, String joinSchema)
        throws Exception {
      int port = freePort();
      Path dataDir = Files.createTempDirectory("webhook-load-");
      List<String> command =
          new ArrayList<>(
              List.of(
                  javaBin(),
                  "-Xmx" + options.getOrDefault("heap", "256m"),
                  "-XX:+ExitOnOutOfMemoryError",
                  // The README's settings for 512 MB: glibc keeps what C2 frees after compiling a
                  // large method (up to 94 MB at once, seen on H2) unless asked to give it back.
                  "-XX:TrimNativeHeapInterval=2000",
                  // And for bursts: C2 compiles the branches a 200/s warm-up never took instead of
                  // leaving traps that throw the code away on the burst's first pass through them.
                  "-XX:PerMethodTrapLimit=0"));
      if (options.containsKey("jvm-args")) {
        command.addAll(List.of(options.get("jvm-args").split(" ")));
      }
      command.addAll(
          List.of(
              "-jar",
              jar.toString(),
              "--server.port=" + port,
              "--triage.data-dir=" + dataDir,
              "--triage.metrics.token=" + METRICS_TOKEN));
      String schema = null;
      if (store.equals("postgres")) {
        if (postgres == null) {
          throw new IllegalArgumentException("--stores postgres needs --postgres URL");
        }
        schema =
            joinSchema != null
                ? joinSchema
                : "webhook_load_" + UUID.randomUUID().toString().substring(0, 8);
        command.add(
            "--spring.datasource.url="
                + postgres
                + (postgres.contains("?") ? "&" : "?")
                + "currentSchema="
                + schema);
        command.add("--spring.datasource.username=" + options.getOrDefault("pg-user", "postgres"));
        command.add("--spring.flyway.schemas=" + schema);
      }
      if (options.containsKey("bot-args")) {
        command.addAll(List.of(options.get("bot-args").split(" ")));
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dataDir.resolve("bot.log").toFile())
              .start();
      Bot bot =
          new Bot(process, port, dataDir, joinSchema == null ? schema : null, schema, postgres);
      try {
        awaitUp(bot.health, Duration.ofMinutes(5));
      } catch (RuntimeException notUp) {
        bot.stop();
        throw notUp;
      }
      return bot;
    }

    long rssKb() {
      return procStatus("VmRSS");
    }

    private long procStatus(String field) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
          if (line.startsWith(field + ":")) {
            return Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException gone) {
        // The process ended.
      }
      return 0;
    }

    /** Jobs this bot finished since it started (done, or skipped as already handled). */
    int jobsFinished() throws Exception {
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(health.resolve("/actuator/prometheus"))
                      .header("Authorization", "Bearer " + METRICS_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher finished = FINISHED_JOBS.matcher(metrics);
      double total = 0;
      while (finished.find()) {
        total += Double.parseDouble(finished.group(1));
      }
      return (int) total;
    }

    /** Jobs queued, running and parked, from the health endpoint. */
    Map<String, Integer> jobCounts() throws Exception {
      String json =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      Map<String, Integer> counts = new HashMap<>();
      Matcher jobs = Pattern.compile("\"jobs\":\\{([^}]*)\\}").matcher(json);
      if (jobs.find()) {
        Matcher entry = Pattern.compile("\"(\\w+)\":(\\d+)").matcher(jobs.group(1));
        while (entry.find()) {
          counts.put(entry.group(1).toLowerCase(Locale.ROOT), Integer.parseInt(entry.group(2)));
        }
      }
      return counts;
    }

    /** Waits until no job is queued or running; null when drained, else what is left. */
    String awaitDrained(Duration atMost) throws Exception {
      long deadline = System.nanoTime() + atMost.toNanos();
      while (true) {
        Map<String, Integer> counts = jobCounts();
        int left = counts.getOrDefault("queued", 0) + counts.getOrDefault("running", 0);
        if (left == 0 && !counts.isEmpty()) {
          return null;
        }
        if (System.nanoTime() > deadline) {
          return "not drained in " + atMost.toSeconds() + " s: " + left + " left";
        }
        Thread.sleep(250);
      }
    }

    void stop() throws Exception {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      process.destroyForcibly();
      if (ownedSchema != null) {
        ProcessBuilder drop =
            new ProcessBuilder(
                "psql",
                postgres.replaceFirst("^jdbc:", ""),
                "-qc",
                "DROP SCHEMA " + ownedSchema + " CASCADE")
            .inheritIO();
        // Without the notice listing every table the cascade drops.
        drop.environment().put("PGOPTIONS", "-c client_min_messages=warning");
        drop.start().waitFor();
      }
    }
  }

  private static int total(Map<String, Integer> jobs) {
    return jobs.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static void sample(Fleet bot, AtomicLong peak) {
    while (!Thread.currentThread().isInterrupted()) {
      peak.accumulateAndGet(bot.rssKb(), Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException stop) {
        return;
      }
    }
  }

  /** The floor: reads the body, checks the HMAC, answers 202. Nothing else. */
  static void serveBaseline(int port) throws Exception {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/github/webhook",
        exchange -> {
          try (InputStream in = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            byte[] body = in.readAllBytes();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected =
                ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                    .getBytes(StandardCharsets.US_ASCII);
            String given = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
            boolean valid =
                given != null
                    && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
            byte[] answer = (valid ? "{\"status\":\"queued\"}" : "{\"error\":\"bad signature\"}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(valid ? 202 : 401, answer.length);
            out.write(answer);
          } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
          }
        });
    server.start();
  }

  private static void awaitUp(URI health, Duration atMost) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      try {
        if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Starting.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(health + " not up within " + atMost);
      }
      Thread.sleep(250);
    }
  }

  /**
   * CPU time a process has used, user and system, in ms: divided by the requests of a burst it is
   * the cost of one, which other load on the machine does not change the way it changes latency.
   * (The bot's includes the triage its workers did meanwhile.)
   */
  private static long cpuMillis(long pid) {
    try {
      return statCpuMillis(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException notLinux) {
      return 0;
    }
  }

  /** CPU used by every PostgreSQL process on this machine (server, backends, WAL writer, ...). */
  private static long postgresCpuMillis() {
    try (var processes = Files.list(Path.of("/proc"))) {
      return processes
          .filter(dir -> dir.getFileName().toString().matches("\\d+"))
          .mapToLong(
              dir -> {
                try {
                  String stat = Files.readString(dir.resolve("stat"));
                  return stat.contains("(postgres)") ? statCpuMillis(stat) : 0;
                } catch (IOException | RuntimeException gone) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException notLinux) {
      return 0;
    }
  }

  /** utime and stime of a process's or thread's stat line (fields 14 and 15, ticks of 10 ms). */
  private static long statCpuMillis(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }

  /**
   * Warms the bot up at the warm-up rate, a round at a time with its drain, until its JIT compilers
   * go quiet or {@code atMostSeconds} are spent: a burst sent while C2 still compiles the triage
   * path measures the compiler as much as the bot (seen: 0.2–0.45 of a core after a 40-second warm-up).
   */
  private static String warmUp(Fleet bot, Deliveries deliveries, int atMostSeconds, Duration drain)
      throws Exception {
    long started = System.nanoTime();
    int sent = 0;
    double compilerShare;
    do {
      long roundStarted = System.nanoTime();
      long compilerBefore = bot.compilerMillis();
      int round = Math.min(WARMUP_ROUND_SECONDS, atMostSeconds - sent);
      load(bot.urls(), deliveries, WARMUP_RATE, round);
      bot.awaitDrained(drain);
      sent += round;
      compilerShare =
          (bot.compilerMillis() - compilerBefore) / ((System.nanoTime() - roundStarted) / 1e6);
    } while (compilerShare >= WARM_COMPILER_SHARE && sent < atMostSeconds);
    return String.format(
        Locale.ROOT,
        "warm-up: %d s of deliveries at %d/s, %.0f s with drains; JIT compilers at %.0f%% of a core"
            + " in the last round",
        sent,
        WARMUP_RATE,
        (System.nanoTime() - started) / 1e9,
        compilerShare * 100);
  }

  /** CPU time of a JVM's JIT compiler threads, in ms (0 off Linux). */
  private static long compilerMillis(long pid) {
    return threadCpuByKind(pid).entrySet().stream()
        .filter(kind -> kind.getKey().contains("CompilerThre"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * CPU of a process's threads by kind: their names with digits as #, so that a pool's threads are
   * one ("http-nio-#-", "C# CompilerThre"). Empty when the process is gone or this is not Linux.
   */
  private static Map<String, Long> threadCpuByKind(long pid) {
    Map<String, Long> millis = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
              millis.merge(name.replaceAll("\\d+", "#"), statCpuMillis(stat), Long::sum);
            } catch (IOException | RuntimeException gone) {
              // The thread ended meanwhile.
            }
          });
    } catch (IOException notLinux) {
      // Nothing to read.
    }
    return millis;
  }


  /** The one-minute load average: other work on the machine shows here. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException notLinux) {
      return "?";
    }
  }

  /**
   * Connections the kernel dropped because a listening socket's accept queue was full (TcpExt
   * ListenDrops, machine-wide; -1 off Linux). Each costs its client a SYN retransmit, a second or
   * more, before any code of the server sees it.
   */
  private static long listenDrops() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
          List<String> names = List.of(lines.get(i).split(" "));
          return Long.parseLong(lines.get(i + 1).split(" ")[names.indexOf("ListenDrops")]);
        }
      }
      return -1;
    } catch (IOException | RuntimeException notLinux) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}

package dev.triagebot.bot.queue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's file system under the prefix {@code held:}, whose writes wait while a test holds them: a
 * write H2 began stays unfinished for as long as the test needs to look at what happens meanwhile.
 * H2 makes one instance per path by reflection, hence the static state.
 */
public class HeldWritesFilePath extends FilePathWrapper {
  private static volatile CountDownLatch released;
  private static final AtomicInteger writesWaiting = new AtomicInteger();

  static {
    FilePath.register(new HeldWritesFilePath());
  }

  /** The JDBC URL of an H2 file store at {@code path} on this file system. */
  static String url(String path, String settings) {
    return "jdbc:h2:held:" + path + settings;
  }

  /** From now on, every write waits until {@link #release}. */
  static void hold() {
    released = new CountDownLatch(1);
  }

  /** Lets the waiting writes and every later one through. */
  static void release() {
    CountDownLatch latch = released;
    released = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Returns once some write is waiting. */
  static void awaitAWriteHeld(Duration atMost) throws InterruptedException {
    long until = System.nanoTime() + atMost.toNanos();
    while (writesWaiting.get() == 0) {
      if (System.nanoTime() > until) {
        throw new AssertionError("no write of the file began within " + atMost);
      }
      Thread.sleep(5);
    }
  }

  @Override
  public String getScheme() {
    return "held";
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    return new HeldWrites(super.open(mode));
  }

  private static void waitIfHeld() throws IOException {
    CountDownLatch latch = released;
    if (latch == null) {
      return;
    }
    writesWaiting.incrementAndGet();
    try {
      latch.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the write was held");
    } finally {
      writesWaiting.decrementAndGet();
    }
  }

  /** The file's channel, with every write waiting its turn first. */
  private static final class HeldWrites extends FileBase {
    private final FileChannel channel;

    HeldWrites(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      waitIfHeld();
      return channel.write(source);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
      waitIfHeld();
      return channel.write(source, position);
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
      return channel.read(destination);
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
      return channel.read(destination, position);
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public FileChannel position(long position) throws IOException {
      channel.position(position);
      return this;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      channel.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      channel.force(metaData);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      channel.close();
    }
  }
}

package dev.foryou.ads.billing;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/*
 * Append-only event log. Record = [int length][int CRC32C of payload][payload]. On replay a
 * record that is cut short, has an impossible length, or fails its checksum at the very end of
 * the file is a torn write from a crash: it is dropped with a warning and the file truncated to
 * the last whole record before appending resumes. A bad record followed by more data is
 * corruption and fails loudly.
 */
final class EventLog implements Closeable {
  private static final Logger LOG = Logger.getLogger(EventLog.class.getName());
  static final int MAX_RECORD = 1 << 20;

  /** Receives one replayed record. */
  interface Handler {
    void accept(DataInputStream payload) throws IOException;
  }

  /** What replay found. */
  record Replayed(long validEnd, long records, long tornBytes) {}

  private final FileChannel channel;
  private final boolean fsync;
  private final Buffer bytes = new Buffer();
  private final DataOutputStream out = new DataOutputStream(bytes);
  private final CRC32C crc = new CRC32C();
  private ByteBuffer frame = ByteBuffer.allocate(4096);

  EventLog(Path file, long validEnd, boolean fsync) throws IOException {
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    if (channel.size() > validEnd) {
      channel.truncate(validEnd);
    }
    channel.position(channel.size());
    this.fsync = fsync;
  }

  /** Starts a record; write its payload to the returned stream, then call {@link #commit}. */
  DataOutputStream begin() {
    bytes.reset();
    return out;
  }

  /** Appends the record begun by {@link #begin}. */
  void commit() throws IOException {
    int len = bytes.size();
    if (len > MAX_RECORD) {
      throw new IOException("record too large: " + len);
    }
    crc.reset();
    crc.update(bytes.array(), 0, len);
    if (frame.capacity() < len + 8) {
      frame = ByteBuffer.allocate(Math.max(len + 8, frame.capacity() * 2));
    }
    frame.clear();
    frame.putInt(len).putInt((int) crc.getValue()).put(bytes.array(), 0, len).flip();
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
    if (fsync) {
      channel.force(false);
    }
  }

  long position() throws IOException {
    return channel.position();
  }

  void sync() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Replays the records of {@code file} from {@code from}; a missing file has none. */
  static Replayed replay(Path file, long from, Handler handler) throws IOException {
    if (!Files.exists(file)) {
      return new Replayed(0, 0, 0);
    }
    long size = Files.size(file);
    if (from > size) {
      throw new IOException("snapshot refers to log offset " + from + " beyond its size " + size);
    }
    long pos = from;
    long records = 0;
    CRC32C crc = new CRC32C();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.position(from);
      InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
      DataInputStream in = new DataInputStream(raw);
      byte[] payload = new byte[256];
      while (pos < size) {
        long remaining = size - pos;
        String torn = null;
        int len = 0;
        int sum = 0;
        if (remaining < 8) {
          torn = "header cut short";
        } else {
          len = in.readInt();
          sum = in.readInt();
          if (len < 0 || len > MAX_RECORD) {
            torn = "impossible length " + len;
          } else if (len > remaining - 8) {
            torn = "payload cut short (" + (remaining - 8) + " of " + len + " bytes)";
          }
        }
        if (torn == null) {
          if (payload.length < len) {
            payload = new byte[Math.max(len, payload.length * 2)];
          }
          in.readFully(payload, 0, len);
          crc.reset();
          crc.update(payload, 0, len);
          if ((int) crc.getValue() != sum) {
            if (pos + 8 + len == size) {
              torn = "checksum mismatch in the last record";
            } else {
              throw new IOException("corrupt event log record at offset " + pos + " of " + file);
            }
          }
        }
        if (torn != null) {
          LOG.warning(
              "event log "
                  + file
                  + ": dropping torn last record at offset "
                  + pos
                  + " ("
                  + torn
                  + ", "
                  + remaining
                  + " bytes)");
          return new Replayed(pos, records, remaining);
        }
        try {
          handler.accept(new DataInputStream(new ByteArrayInputStream(payload, 0, len)));
        } catch (EOFException e) {
          throw new IOException("malformed event log record at offset " + pos, e);
        }
        records++;
        pos += 8 + len;
      }
    }
    return new Replayed(pos, records, 0);
  }

  /** A byte array output stream that exposes its array. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(256);
    }

    byte[] array() {
      return buf;
    }
  }
}

package io.meridian.resolver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only file of change batches, each forced to disk before the batch is applied and
 * acknowledged, so an acknowledged batch survives a crash that the maps' own writes might not.
 * Each entry: a magic number, the payload length, its CRC-32, the payload. A torn entry at the
 * end (a crash mid-append, never acknowledged) is recognised by its length or CRC and dropped.
 */
public final class ChangeJournal implements AutoCloseable {
    private static final int MAGIC = 0x4D4A524E; // "MJRN"
    private static final int HEADER = 12;

    private final Path file;
    private final FileChannel channel;

    private ChangeJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opened in append mode: the server and a {@code meridian zone change} on the same data directory never overwrite each other. */
    public static ChangeJournal open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new ChangeJournal(file, channel);
    }

    /** Appends one entry and forces it (data and length) to disk before returning. */
    public synchronized void append(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer entry = ByteBuffer.allocate(HEADER + payload.length).putInt(MAGIC).putInt(payload.length)
                .putInt((int) crc.getValue()).put(payload).flip();
        try {
            while (entry.hasRemaining()) {
                channel.write(entry);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the change journal " + file, e);
        }
    }

    /** Every whole entry, oldest first; a torn or damaged tail is cut off the file. */
    public synchronized List<byte[]> entries() throws IOException {
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            return entries(reader);
        }
    }

    private List<byte[]> entries(FileChannel reader) throws IOException {
        List<byte[]> out = new ArrayList<>();
        long size = reader.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= size) {
            header.clear();
            reader.read(header, pos);
            header.flip();
            int magic = header.getInt();
            int length = header.getInt();
            int expected = header.getInt();
            if (magic != MAGIC || length < 0 || pos + HEADER + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            reader.read(payload, pos + HEADER);
            CRC32 crc = new CRC32();
            crc.update(payload.array());
            if ((int) crc.getValue() != expected) {
                break;
            }
            out.add(payload.array());
            pos += HEADER + length;
        }
        if (pos < size) {
            channel.truncate(pos);
            channel.force(true);
        }
        return out;
    }

    /** Empties the journal once everything in it is applied to the maps. */
    public synchronized void clear() throws IOException {
        channel.truncate(0);
        channel.force(true);
    }

    /** The journal file as it is, for a snapshot: whole entries only, since appends hold this lock. */
    synchronized byte[] bytes() throws IOException {
        return java.nio.file.Files.readAllBytes(file);
    }

    public synchronized long size() throws IOException {
        return channel.size();
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}

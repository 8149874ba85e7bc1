package io.ringbreaker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read (keys, secrets, the first admin's password, opened evidence):
 * created with mode 600 in the same step, so there is no moment when another user could read them.
 * On a file system without POSIX modes the file is created plainly and the operator protects it.
 */
public final class OwnerOnlyFile {
  private OwnerOnlyFile() {}

  /**
   * Creates {@code file}, and its parent directories, holding {@code content}.
   *
   * @throws java.nio.file.FileAlreadyExistsException when it exists: nothing is ever written over
   */
  public static void create(Path file, byte[] content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    SeekableByteChannel ch;
    try {
      ch = Files.newByteChannel(file, options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      ch = Files.newByteChannel(file, options);
    }
    try (SeekableByteChannel c = ch) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        c.write(b);
      }
    }
  }

  /** Writes {@code file} anew, as {@link #create} does, deleting what was there. */
  public static void replace(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    create(file, content);
  }
}

package dev.sluice.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Takes every permission of group and others from a directory tree (the data directory: database, tokens,
 * jobs' output and environment), whatever an earlier version, an operator or a umask left there. Symbolic
 * links are neither followed nor changed.
 */
final class OwnerOnly {
  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnly() {
  }

  static void apply(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          restrict(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isRegularFile() || attrs.isDirectory()) restrict(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // a running job's file renamed meanwhile
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + root + " readable by its owner only", e);
    }
  }

  private static void restrict(Path path) throws IOException {
    try {
      var permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      if (permissions.removeAll(NOT_OWNER)) Files.setPosixFilePermissions(path, permissions);
    } catch (NoSuchFileException gone) {
      // removed or renamed since it was listed: nothing to protect
    }
  }
}

package io.ringbreaker.server;

import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.policy.PolicyException;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.store.OwnerOnlyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the policy in force is kept, so a policy applied from the console survives a restart.
 *
 * <p>The file is {@code --policy FILE} when the server was started with one; otherwise the saved
 * policy {@code <home>/policy.yaml}, which exists once a policy was applied from the console.
 * An explicit {@code --policy} beats the saved one. Either way the server follows the file (an edit
 * that checks is put in force), and every version applied is kept in {@code <home>/policy-history/}
 * as {@code <digest>-<name>-<version>.yaml}, the one it replaced too, so an earlier version can be
 * read and applied again. {@code home} is where the store keeps its own files (beside a SQLite
 * database, else the data directory).
 */
public record PolicyHome(Path home, Optional<Path> explicitFile) {
  /** The saved policy's file name in the home. */
  public static final String SAVED = "policy.yaml";
  public static final String HISTORY = "policy-history";
  private static final Pattern KEPT_NAME = Pattern.compile("[0-9a-f]{8}-[A-Za-z0-9._-]{1,160}\\.yaml");

  public PolicyHome {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(explicitFile, "explicitFile");
  }

  /** No {@code --policy}: the saved policy in {@code home} when there is one, else the shipped default. */
  public static PolicyHome saved(Path home) {
    return new PolicyHome(home, Optional.empty());
  }

  /** The file the policy in force is read from and written to. */
  public Path file() {
    return explicitFile.orElseGet(() -> home.resolve(SAVED));
  }

  public boolean explicit() {
    return explicitFile.isPresent();
  }

  public Path historyDir() {
    return home.resolve(HISTORY);
  }

  /**
   * The policy to start with: the {@code --policy} file, else the saved one when it exists, else
   * none (the shipped default stays).
   *
   * @param problems where conditions that fail while deciding are reported
   * @throws IllegalArgumentException naming the file and every problem when the file does not check:
   *     a server does not start on a policy other than the one it was told to keep
   */
  public Optional<RulePolicy> read(Consumer<String> problems) {
    Path f = file();
    if (!explicit() && !Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RulePolicy.read(f, problems));
    } catch (PolicyException e) {
      throw new IllegalArgumentException((explicit() ? "policy " : "the saved policy ") + f + " does not check: "
          + String.join("\n  ", e.problems())
          + (explicit() ? "" : "\n(fix it, move it away to start on the shipped default, or start with --policy FILE)"), e);
    }
  }

  /**
   * Puts the policy this home names in force on {@code pipeline} and follows its file. Call it
   * before the pipeline starts processing, so no event is decided by a policy about to be replaced.
   *
   * @return the policy put in force, empty when the shipped default stays
   * @throws IllegalArgumentException as {@link #read} does
   */
  public Optional<RulePolicy> putInForce(DurablePipeline pipeline, Consumer<String> problems) {
    Optional<RulePolicy> p = read(problems);
    p.ifPresent(policy -> pipeline.policy(policy).join());
    // The saved file is followed even before it exists: an operator may write it by hand.
    pipeline.followPolicy(file(), problems);
    return p;
  }

  /** Where the policy in force came from, in words for a page. */
  public String describe() {
    if (explicit()) {
      return "the file " + file() + " (serve --policy; read again when it changes)";
    }
    return Files.exists(file())
        ? "the saved policy " + file() + " (applied from the console; serve --policy FILE would take precedence)"
        : "the shipped default (an applied policy is saved to " + file() + ")";
  }

  /**
   * Keeps {@code previous} and {@code next} in the history, then writes {@code next} to {@link #file}
   * in one step (a new file moved over the old one), so the file's follower never reads half a
   * policy and a restart starts on {@code next}. A symbolic link is written through, to its target.
   *
   * @throws IOException when the history or the file cannot be written; the file is then unchanged
   */
  public void save(Optional<RulePolicy> previous, RulePolicy next) throws IOException {
    if (previous.isPresent()) {
      keep(previous.get());
    }
    keep(next);
    Path target = file();
    if (Files.isSymbolicLink(target)) {
      target = target.toRealPath();
    }
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      OwnerOnlyFile.create(tmp, next.source().getBytes(StandardCharsets.UTF_8));
      // An operator's file keeps the modes it had; a new saved file stays the owner's only.
      if (Files.exists(target)) {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (from != null && to != null) {
          to.setPermissions(from.readAttributes().permissions());
        }
      }
      // A file system that cannot move atomically would let the follower read a half-written file.
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot replace " + target + " in one step on this file system: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** One version kept in the history. */
  public record Kept(String fileName, FileTime savedAt) {}

  /** The versions kept, newest first. */
  public List<Kept> history() throws IOException {
    if (!Files.isDirectory(historyDir())) {
      return List.of();
    }
    List<Kept> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(historyDir())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (KEPT_NAME.matcher(name).matches()) {
          out.add(new Kept(name, Files.getLastModifiedTime(f)));
        }
      }
    }
    out.sort(Comparator.comparing(Kept::savedAt).reversed().thenComparing(Kept::fileName));
    return List.copyOf(out);
  }

  /**
   * The text of a kept version; empty when there is none of that name. Only names of the form
   * {@link #historyName} are looked up, so a name from a URL never leaves the history directory.
   */
  public Optional<String> kept(String fileName) throws IOException {
    if (!KEPT_NAME.matcher(fileName).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(historyDir().resolve(fileName), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The history's file name for a policy version {@code name/version#digest}: {@code digest-name-version.yaml}. */
  public static String historyName(String version) {
    int hash = version.lastIndexOf('#');
    String digest = hash < 0 ? "00000000" : version.substring(hash + 1);
    String rest = hash < 0 ? version : version.substring(0, hash);
    String safe = rest.replace('/', '-').replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 160) {
      safe = safe.substring(0, 160);
    }
    return digest + "-" + (safe.isEmpty() ? "_" : safe) + ".yaml";
  }

  private void keep(RulePolicy p) throws IOException {
    Path f = historyDir().resolve(historyName(p.version()));
    if (Files.exists(f)) {
      return; // same digest, same text
    }
    try {
      OwnerOnlyFile.create(f, p.source().getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      // Kept by a concurrent save of the same text.
    }
  }
}

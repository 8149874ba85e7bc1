package io.ringbreaker.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.SubjectType;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A policy an analyst reads and changes: a YAML file of rules with CEL conditions over the
 * evidence (see {@link Facts} for the variables, docs/policy.md for the format). Rules are read top
 * to bottom: the first rule whose {@code when} holds decides the severity and the actions; rules
 * marked {@code also} add their actions, reason, queue and priority to every decision they hold for.
 * The score is the {@link Evidence}'s. Immutable; a changed file makes a new policy.
 */
public final class RulePolicy implements Policy {

  /** The policy shipped with Ringbreaker, documented rule by rule in docs/policy.md. */
  public static final String DEFAULT_RESOURCE = "/io/ringbreaker/policy/default-policy.yaml";

  private static final int MAX_BYTES = 1 << 20;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> TOP_KEYS = Set.of("policy", "version", "description", "rules");
  private static final Set<String> RULE_KEYS = Set.of("id", "description", "when", "severity", "actions",
      "queue", "priority", "automatic", "also", "reason");
  private static final Set<String> ACTION_KEYS = Set.of("account", "post", "comment", "message", "content",
      "hashtag", "link", "other");
  private static final CelCompiler COMPILER = compiler();
  /** The planner runtime: about twice as fast per condition as the standard one, measured on the default policy. */
  private static final CelRuntime RUNTIME = CelRuntimeFactory.plannerRuntimeBuilder().build();

  private final String name;
  private final String version;
  private final String description;
  private final String source;
  private final List<Rule> rules;
  private final Consumer<String> problems;
  /** Rules whose condition failed to evaluate, reported once each. */
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  /** One rule, compiled. */
  public record Rule(String id, String description, String when, Optional<Severity> severity,
                     Map<String, List<String>> actions, Optional<String> queue, int priority,
                     List<String> automatic, boolean also, Optional<String> reason, CelRuntime.Program program) {
    /** The actions for a subject of this type: its own entry, else 'content' for items, else 'other'. */
    List<String> actionsFor(SubjectType type) {
      List<String> own = actions.get(type.wire());
      if (own != null) {
        return own;
      }
      boolean content = type == SubjectType.POST || type == SubjectType.COMMENT || type == SubjectType.MESSAGE;
      if (content && actions.containsKey("content")) {
        return actions.get("content");
      }
      return actions.getOrDefault("other", List.of());
    }
  }

  private RulePolicy(String name, String version, String description, String source, List<Rule> rules,
      Consumer<String> problems) {
    this.name = name;
    this.version = version;
    this.description = description;
    this.source = source;
    this.rules = List.copyOf(rules);
    this.problems = problems;
  }

  /** The shipped default policy. */
  public static RulePolicy defaults() {
    try (InputStream in = RulePolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the default policy is missing from the jar: " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default-policy.yaml", msg -> {});
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default policy: " + e.getMessage(), e);
    }
  }

  /** The shipped default policy's text, for an analyst to start from. */
  public static String defaultSource() {
    return defaults().source;
  }

  /**
   * Reads and checks a policy file.
   *
   * @param problems where conditions that fail while deciding are reported (once per rule)
   * @throws PolicyException naming every problem with its line, column and rule
   */
  public static RulePolicy read(Path file, Consumer<String> problems) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new PolicyException(List.of(file.getFileName() + ": larger than " + MAX_BYTES + " bytes"));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PolicyException(List.of(file + ": no such file"));
    } catch (IOException e) {
      throw new PolicyException(List.of(file + ": cannot read: " + e.getMessage()));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new PolicyException(List.of(file.getFileName() + ": not UTF-8 text"));
    }
    return parse(text, file.getFileName().toString(), problems);
  }

  /** Parses and checks policy text; {@code sourceName} names it in problems. */
  public static RulePolicy parse(String text, String sourceName, Consumer<String> problems) {
    return new Parser(text, sourceName).policy(problems);
  }

  /** {@code name/version#digest}: the digest of the file's text, so an edit without a new version still shows. */
  @Override
  public String version() {
    return name + "/" + version + "#" + digest(source);
  }

  public String name() {
    return name;
  }

  /** The 8 hex digits of the text's SHA-256 that {@link #version()} ends with. */
  public String digest() {
    return digest(source);
  }

  public String description() {
    return description;
  }

  /** The file's text, as read. */
  public String source() {
    return source;
  }

  public List<Rule> rules() {
    return rules;
  }

  @Override
  public Decision decide(Subject subject, List<Signal> signals) {
    if (signals.isEmpty()) {
      return Decision.NONE;
    }
    Evidence e = Evidence.of(subject, signals);
    Facts facts = new Facts(e);
    boolean decided = false;
    Severity severity = Severity.NONE;
    LinkedHashSet<String> actions = new LinkedHashSet<>();
    LinkedHashSet<String> automatic = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>(e.reasons);
    List<String> matched = new ArrayList<>(2);
    Optional<String> queue = Optional.empty();
    int priority = 0;
    for (Rule r : rules) {
      if ((decided && !r.also()) || !holds(r, facts)) {
        continue;
      }
      decided |= !r.also();
      matched.add(r.id());
      if (r.severity().isPresent() && r.severity().get().compareTo(severity) > 0) {
        severity = r.severity().get();
      }
      List<String> own = r.actionsFor(subject.type());
      actions.addAll(own);
      r.automatic().stream().filter(own::contains).forEach(automatic::add);
      r.reason().ifPresent(reasons::add);
      if (queue.isEmpty()) {
        queue = r.queue();
      }
      priority = Math.max(priority, r.priority());
    }
    return new Decision(severity, e.score, List.copyOf(actions), reasons, matched, queue, priority,
        List.copyOf(automatic));
  }

  private boolean holds(Rule r, Facts facts) {
    try {
      return Boolean.TRUE.equals(r.program().eval(facts));
    } catch (CelEvaluationException | RuntimeException ex) {
      if (failing.add(r.id())) {
        problems.accept("policy " + name + ": rule '" + r.id() + "' could not be evaluated and is taken as not holding: "
            + ex.getMessage());
      }
      return false;
    }
  }

  private static CelCompiler compiler() {
    CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS).setResultType(SimpleType.BOOL);
    for (Facts.Variable v : Facts.VARIABLES) {
      b.addVar(v.name(), v.type());
    }
    return b.build();
  }

  static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "RulePolicy[" + version() + ", " + rules.size() + " rules]";
  }

  /** Reads the YAML node tree (which keeps positions) and collects every problem before failing. */
  private static final class Parser {
    private final String text;
    private final String sourceName;
    private final List<String> problems = new ArrayList<>();

    Parser(String text, String sourceName) {
      this.text = text;
      this.sourceName = sourceName;
    }

    RulePolicy policy(Consumer<String> evalProblems) {
      Node root = compose();
      if (!(root instanceof MappingNode top)) {
        throw new PolicyException(List.of(sourceName + ":1:1: a policy is a mapping with 'policy', 'version' and 'rules'"));
      }
      Map<String, Node> fields = fields(top, TOP_KEYS, "policy");
      String name = scalar(fields.get("policy"), top, "policy", "policy").orElse("");
      if (!name.isEmpty() && !ID.matcher(name).matches()) {
        problem(fields.get("policy"), "policy: the name must be lower-case letters, digits, '-' or '_' (got '" + name + "')");
      }
      String version = scalar(fields.get("version"), top, "version", "policy").orElse("");
      String description = fields.containsKey("description")
          ? scalar(fields.get("description"), top, "description", "policy").orElse("") : "";
      List<Rule> rules = new ArrayList<>();
      Node rulesNode = fields.get("rules");
      if (rulesNode == null) {
        problem(top, "policy: 'rules' is required");
      } else if (!(rulesNode instanceof SequenceNode seq)) {
        problem(rulesNode, "rules: a list of rules is expected");
      } else {
        Set<String> ids = new LinkedHashSet<>();
        int i = 0;
        for (Node n : seq.getValue()) {
          i++;
          rule(n, i, ids).ifPresent(rules::add);
        }
        if (seq.getValue().isEmpty()) {
          problem(rulesNode, "rules: the list is empty; a policy needs at least one rule");
        }
      }
      if (!problems.isEmpty()) {
        throw new PolicyException(problems);
      }
      return new RulePolicy(name, version, description, text, rules, evalProblems);
    }

    private Node compose() {
      if (text.length() > MAX_BYTES) {
        throw new PolicyException(List.of(sourceName + ": larger than " + MAX_BYTES + " characters"));
      }
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      options.setNestingDepthLimit(20);
      options.setCodePointLimit(MAX_BYTES);
      try {
        Node n = new Yaml(options).compose(new StringReader(text));
        if (n == null) {
          throw new PolicyException(List.of(sourceName + ": empty; a policy needs 'policy', 'version' and 'rules'"));
        }
        return n;
      } catch (MarkedYAMLException e) {
        Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = m == null ? sourceName : sourceName + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
        throw new PolicyException(List.of(where + ": not valid YAML: " + e.getProblem()));
      } catch (YAMLException e) {
        throw new PolicyException(List.of(sourceName + ": not valid YAML: " + e.getMessage()));
      }
    }

    private Optional<Rule> rule(Node n, int index, Set<String> ids) {
      if (!(n instanceof MappingNode m)) {
        problem(n, "rule " + index + ": a mapping with 'id' and 'when' is expected");
        return Optional.empty();
      }
      // Problems name the rule by its id once it has one, by its place in the list before that.
      String label = m.getValue().stream()
          .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id"))
          .map(t -> t.getValueNode() instanceof ScalarNode v && !v.getValue().isBlank() ? "rule '" + v.getValue().strip() + "'" : null)
          .filter(java.util.Objects::nonNull).findFirst().orElse("rule " + index);
      Map<String, Node> f = fields(m, RULE_KEYS, label);
      Optional<String> id = scalar(f.get("id"), m, "id", label);
      if (id.isPresent()) {
        if (!ID.matcher(id.get()).matches()) {
          problem(f.get("id"), label + ": id must be lower-case letters, digits, '-' or '_' (got '" + id.get() + "')");
        } else if (!ids.add(id.get())) {
          problem(f.get("id"), "rule " + index + ": id '" + id.get() + "' is used by an earlier rule");
        }
      }
      boolean also = f.containsKey("also") && bool(f.get("also"), label + ": also");
      Optional<Severity> severity = Optional.empty();
      if (f.containsKey("severity")) {
        Optional<String> s = scalar(f.get("severity"), m, "severity", label);
        if (s.isPresent()) {
          severity = Severity.fromWire(s.get());
          if (severity.isEmpty()) {
            problem(f.get("severity"), label + ": severity '" + s.get() + "' is not one of none, low, medium, high, critical");
          }
        }
      } else if (!also) {
        problem(m, label + ": 'severity' is required (only an 'also' rule may leave it out)");
      }
      Map<String, List<String>> actions = f.containsKey("actions") ? actions(f.get("actions"), label) : Map.of();
      List<String> automatic = f.containsKey("automatic") ? names(f.get("automatic"), label + ": automatic") : List.of();
      Set<String> all = new LinkedHashSet<>();
      actions.values().forEach(all::addAll);
      for (String a : automatic) {
        if (!all.contains(a)) {
          problem(f.get("automatic"), label + ": automatic: '" + a + "' is not among the rule's actions");
        }
      }
      Optional<String> queue = f.containsKey("queue") ? scalar(f.get("queue"), m, "queue", label) : Optional.empty();
      if (queue.isPresent() && !ID.matcher(queue.get()).matches()) {
        problem(f.get("queue"), label + ": queue must be lower-case letters, digits, '-' or '_' (got '" + queue.get() + "')");
      }
      int priority = 0;
      if (f.containsKey("priority")) {
        Optional<String> p = scalar(f.get("priority"), m, "priority", label);
        try {
          priority = p.map(Integer::parseInt).orElse(0);
          if (priority < 0 || priority > 100) {
            problem(f.get("priority"), label + ": priority must be 0 to 100 (got " + priority + ")");
          }
        } catch (NumberFormatException e) {
          problem(f.get("priority"), label + ": priority must be a whole number 0 to 100 (got '" + p.orElse("") + "')");
        }
      }
      Optional<String> reason = f.containsKey("reason") ? scalar(f.get("reason"), m, "reason", label) : Optional.empty();
      String description = f.containsKey("description") ? scalar(f.get("description"), m, "description", label).orElse("") : "";
      Optional<String> when = scalar(f.get("when"), m, "when", label);
      CelRuntime.Program program = when.isEmpty() ? null : compile(when.get(), (ScalarNode) f.get("when"), label);
      if (program == null || id.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Rule(id.get(), description, when.get(), severity, actions, queue, priority, automatic,
          also, reason, program));
    }

    private CelRuntime.Program compile(String expr, ScalarNode node, String label) {
      CelValidationResult result = COMPILER.compile(expr);
      if (result.hasError()) {
        for (CelIssue issue : result.getErrors()) {
          problems.add(celPosition(node, issue) + ": " + label + ": when: "
              + issue.getMessage().replace(" (in container '')", "")
              + caret(expr, issue));
        }
        return null;
      }
      try {
        CelAbstractSyntaxTree ast = result.getAst();
        return RUNTIME.createProgram(ast);
      } catch (CelValidationException | dev.cel.runtime.CelEvaluationException e) {
        problem(node, label + ": when: " + e.getMessage());
        return null;
      }
    }

    /** The position in the file of a CEL issue: exact for one-line conditions, the condition's line otherwise. */
    private String celPosition(ScalarNode node, CelIssue issue) {
      Mark start = node.getStartMark();
      int line = issue.getSourceLocation().getLine();
      int col = issue.getSourceLocation().getColumn();
      boolean plainOneLine = node.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
          || node.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.SINGLE_QUOTED
          || node.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.DOUBLE_QUOTED;
      if (plainOneLine && line <= 1 && col >= 0) {
        int quote = node.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
        return sourceName + ":" + (start.getLine() + 1) + ":" + (start.getColumn() + 1 + quote + col);
      }
      int blockOffset = plainOneLine ? 0 : 1;
      return sourceName + ":" + (start.getLine() + blockOffset + Math.max(line, 1)) + ":" + (col >= 0 ? col + 1 : 1)
          + " (in the condition)";
    }

    private static String caret(String expr, CelIssue issue) {
      int line = issue.getSourceLocation().getLine();
      int col = issue.getSourceLocation().getColumn();
      String[] lines = expr.split("\n", -1);
      if (line < 1 || line > lines.length || col < 0) {
        return "";
      }
      String l = lines[line - 1];
      return "\n      | " + l + "\n      | " + " ".repeat(Math.min(col, l.length())) + "^";
    }

    private Map<String, List<String>> actions(Node n, String label) {
      if (n instanceof SequenceNode) {
        return Map.of("other", names(n, label + ": actions"), "account", names(n, label + ": actions"),
            "content", names(n, label + ": actions"));
      }
      if (!(n instanceof MappingNode m)) {
        problem(n, label + ": actions: a list of actions, or a mapping from subject type to a list, is expected");
        return Map.of();
      }
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
        if (!ACTION_KEYS.contains(key)) {
          problem(t.getKeyNode(), label + ": actions: '" + key + "' is not a subject type (expected one of "
              + String.join(", ", new java.util.TreeSet<>(ACTION_KEYS)) + ")");
          continue;
        }
        out.put(key, names(t.getValueNode(), label + ": actions." + key));
      }
      return out;
    }

    private List<String> names(Node n, String what) {
      if (!(n instanceof SequenceNode seq)) {
        problem(n, what + ": a list like [review, preserve] is expected");
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (!(item instanceof ScalarNode s)) {
          problem(item, what + ": an action name is expected");
          continue;
        }
        if (Actions.find(s.getValue()).isEmpty()) {
          problem(item, what + ": unknown action '" + s.getValue() + "' (known: "
              + String.join(", ", Actions.all().keySet()) + ")");
          continue;
        }
        if (!out.contains(s.getValue())) {
          out.add(s.getValue());
        }
      }
      return List.copyOf(out);
    }

    private boolean bool(Node n, String what) {
      if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
        return s.getValue().equals("true");
      }
      problem(n, what + ": true or false is expected");
      return false;
    }

    private Map<String, Node> fields(MappingNode m, Set<String> allowed, String label) {
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          problem(t.getKeyNode(), label + ": keys must be plain words");
          continue;
        }
        if (!allowed.contains(k.getValue())) {
          problem(k, label + ": unknown key '" + k.getValue() + "' (expected one of "
              + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        } else if (out.put(k.getValue(), t.getValueNode()) != null) {
          problem(k, label + ": '" + k.getValue() + "' is given twice");
        }
      }
      return out;
    }

    private Optional<String> scalar(Node n, Node parent, String key, String label) {
      if (n == null) {
        problem(parent, label + ": '" + key + "' is required");
        return Optional.empty();
      }
      if (!(n instanceof ScalarNode s)) {
        problem(n, label + ": " + key + ": a single value is expected");
        return Optional.empty();
      }
      if (s.getValue().isBlank()) {
        problem(n, label + ": " + key + ": is empty");
        return Optional.empty();
      }
      return Optional.of(s.getValue().strip());
    }

    private void problem(Node at, String message) {
      Mark m = at.getStartMark();
      problems.add(sourceName + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + message);
    }
  }
}

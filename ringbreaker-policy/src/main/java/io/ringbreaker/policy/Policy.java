package io.ringbreaker.policy;

import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import java.util.List;

/** Turns the evidence about a subject into a decision. Pure and deterministic. */
public interface Policy {
  /** A name and version recorded with what the policy decides. */
  String version();

  Decision decide(Subject subject, List<Signal> signals);
}

package io.ringbreaker.server;

import io.javalin.http.Context;
import io.ringbreaker.model.SubjectType;
import io.ringbreaker.server.RingbreakerServer.ApiError;
import java.util.Optional;

/** The query parameters the /v1 list routes share, read and checked one way, with the same errors. */
final class QueryParams {
  private QueryParams() {}

  /** A parameter that is present and not blank. */
  static Optional<String> param(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
  }

  /** {@code limit}: a whole number from 1 to {@code max}; {@code fallback} when absent. */
  static int limit(Context ctx, int fallback, int max) {
    return param(ctx, "limit").map(l -> {
      try {
        int n = Integer.parseInt(l);
        if (n < 1 || n > max) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ApiError(400, "limit: must be a whole number from 1 to " + max + ", got '" + l + "'");
      }
    }).orElse(fallback);
  }

  /** {@code subject_type}, when given, one of the subject types. */
  static Optional<String> subjectType(Context ctx) {
    Optional<String> type = param(ctx, "subject_type");
    type.ifPresent(t -> SubjectType.fromWire(t).orElseThrow(() -> new ApiError(400,
        "subject_type: unknown '" + t + "' (expected account, post, comment, message, hashtag, link)")));
    return type;
  }
}

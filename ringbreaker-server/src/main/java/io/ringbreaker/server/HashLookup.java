package io.ringbreaker.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ringbreaker.detect.media.Banks;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.contract.ContractJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /m/lookup?signal_type=pdq&signal=HEX[&banks=A,B]}, answered as Meta's HMA answers it,
 * so HMA clients can point at Ringbreaker: an object keyed by bank name, each a list of
 * {@code {"bank_content_id": n, "distance": "d"}}. Allow banks are included (the client decides
 * what a match in one means, as with HMA). Each match also carries the entry's {@code signal} and
 * {@code label}. {@code bank_content_id} is stable: derived from (bank, type, hash), not a row number.
 */
final class HashLookup {

  private final Banks banks;

  HashLookup(Banks banks) {
    this.banks = banks;
  }

  void lookup(Context ctx) {
    String typeName = required(ctx, "signal_type").toLowerCase(Locale.ROOT);
    HashType type = switch (typeName) {
      case "video_md5" -> HashType.MD5; // HMA's name for MD5 of the bytes
      case "video_sha256" -> HashType.SHA256;
      default -> HashType.fromWire(typeName).orElseThrow(() -> new RingbreakerServer.ApiError(400,
          "signal_type: must be one of pdq, md5, sha256 (or HMA's video_md5), got '" + typeName + "'"));
    };
    String signal = required(ctx, "signal").trim().toLowerCase(Locale.ROOT);
    if (signal.length() != type.hexLength() || !signal.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new RingbreakerServer.ApiError(400, "signal: a " + type.wire() + " hash is " + type.hexLength()
          + " hex characters, got " + (signal.length() > 80 ? signal.length() + " characters" : "'" + signal + "'"));
    }
    Optional<Set<String>> only = Optional.ofNullable(ctx.queryParam("banks")).filter(s -> !s.isBlank())
        .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(b -> !b.isEmpty()).collect(Collectors.toSet()));
    Map<String, ArrayNode> byBank = new LinkedHashMap<>();
    ObjectNode out = ContractJson.mapper().createObjectNode();
    List<Banks.Match> matches = banks.lookup(type, signal, OptionalInt.empty());
    for (Banks.Match m : matches) {
      if (only.isPresent() && !only.get().contains(m.bank().name())) {
        continue;
      }
      ArrayNode list = byBank.computeIfAbsent(m.bank().name(), out::putArray);
      list.addObject()
          .put("bank_content_id", contentId(m.entry()))
          .put("distance", Integer.toString(m.distance()))
          .put("signal", m.entry().hash())
          .put("label", m.entry().label());
    }
    ctx.contentType("application/json").result(ContractJson.write(out));
  }

  /** A stable id for an entry that fits a JSON number exactly (53 bits): HMA clients expect an integer. */
  static long contentId(BankEntry e) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          (e.bank() + '\n' + e.type().wire() + '\n' + e.hash()).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 7; i++) {
        v = (v << 8) | (d[i] & 0xFF);
      }
      return v >>> 3;
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is part of every JDK", ex);
    }
  }

  private static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw new RingbreakerServer.ApiError(400, name + ": required (GET /m/lookup?signal_type=pdq&signal=HEX)");
    }
    return v;
  }
}

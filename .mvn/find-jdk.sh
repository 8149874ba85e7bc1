# Finds a JDK >= 21 and exports JAVA_HOME to it. Sourced by ./mvnw, ./ringbreaker and .ci/run.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders (newest first).
# POSIX sh: mvnw runs under /bin/sh with `set -euf`.

rb_jdk_major() {
  # Prints the feature version of the JDK at $1, or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
  fi
  case "$v" in 1.*) v=${v#1.} ;; esac
  printf '%s\n' "${v%%[!0-9]*}"
}

rb_find_jdk() {
  rb_min=21
  rb_seen=""
  for rb_home in "${JAVA_HOME-}" "$(command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; do
    [ -n "$rb_home" ] || continue
    rb_v=$(rb_jdk_major "$rb_home")
    if [ -n "$rb_v" ] && [ "$rb_v" -ge "$rb_min" ]; then JAVA_HOME=$rb_home; export JAVA_HOME; return 0; fi
    [ -z "$rb_v" ] || rb_seen="$rb_seen $rb_v ($rb_home)"
  done
  rb_best=""; rb_best_v=0
  rb_restore_f=$(case $- in *f*) echo 1 ;; esac)
  set +f
  for rb_home in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* /usr/local/jdk* "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$rb_home" ] || continue
    rb_v=$(rb_jdk_major "$rb_home")
    [ -n "$rb_v" ] || continue
    if [ "$rb_v" -ge "$rb_min" ] && [ "$rb_v" -gt "$rb_best_v" ]; then rb_best=$rb_home; rb_best_v=$rb_v; fi
  done
  [ -z "$rb_restore_f" ] || set -f
  if [ -n "$rb_best" ]; then JAVA_HOME=$rb_best; export JAVA_HOME; return 0; fi
  echo "ringbreaker: needs a JDK 21 or newer (found:${rb_seen:- none}); install one (e.g. Temurin 21 from adoptium.net, or 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it" >&2
  return 1
}

#!/usr/bin/env bash
# Sourced by ./foryou and .ci/run: finds a JDK >= 21 and exports JAVA_HOME to it.
# Looks at FORYOU_JAVA_HOME, JAVA_HOME, then the usual install places; picks the newest.
# Maven itself may run on an older Java: the build selects a JDK >= 21 through
# maven-toolchains-plugin; exporting JAVA_HOME here just makes that choice obvious and fast.

foryou_java_major() { # prints the major version of the JDK at $1, or nothing
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  [ -n "${v:-}" ] && echo "$v"
}

foryou_find_jdk() {
  local min=${1:-21} best="" best_v=0 cand v
  for cand in "${FORYOU_JAVA_HOME:-}" "${JAVA_HOME:-}" \
      /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$cand" ] && [ -d "$cand" ] || continue
    v=$(foryou_java_major "$cand")
    [ -n "$v" ] || continue
    # an explicit FORYOU_JAVA_HOME or JAVA_HOME that is new enough wins outright
    if [ "$v" -ge "$min" ] && { [ "$cand" = "${FORYOU_JAVA_HOME:-}" ] || [ "$cand" = "${JAVA_HOME:-}" ]; }; then
      best=$cand; break
    fi
    if [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best=$cand; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "foryou: no JDK >= $min found (looked at FORYOU_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman)." >&2
    echo "foryou: install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

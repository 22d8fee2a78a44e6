#!/usr/bin/env bash
# Issue 11's attack, tried from inside a job: `sluice up --sandbox MODE` (for each MODE given; default none,
# namespaces, bubblewrap) as an unprivileged account, one job that prints a secret and sleeps, and one job that tries
# to read admin.token, find the control plane's command line, see other processes, read the other job's output,
# signal its process group and write outside its work directory. Prints what the attacking job got in each mode.
# Run as root (it switches to `nobody` with setpriv) or as any unprivileged user. Every server stops within 60 s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modes=("$@"); [ ${#modes[@]} -gt 0 ] || modes=(none namespaces bubblewrap)
java="$("$root/scripts/find-jdk25")/bin/java"
jar="$root/sluice-cli/target/sluice.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -pl sluice-cli -am package -DskipTests)
base="$(mktemp -d -p /var/tmp sluice-attack.XXXXXX)"; chmod 755 "$base"
trap 'rm -rf "$base"' EXIT
as=(); who="$(id -un)"
if [ "$(id -u)" = 0 ]; then as=(setpriv --reuid=65534 --regid=65534 --clear-groups); who=nobody; fi
cat > "$base/attack.sh" <<'EOF'
#!/bin/sh
data=$1; victim=$2
echo "  id: $(id -un) uid=$(id -u)  $(grep CapEff /proc/self/status | tr -s '\t' ' ')"
printf '  read admin.token: '; cat "$data/admin.token" 2>&1 | head -c 70; echo
printf '  find the control plane by its command line: '; grep -a -l -e "sluice[.]jar" /proc/[0-9]*/cmdline 2>/dev/null | grep -v "/proc/$$/" | tr '\n' ' '; echo "(end)"
printf '  processes this job sees: '; ls -d /proc/[0-9]* | wc -l
printf '  read the other job output: '; cat "$data"/jobs/j-000001/stdout.log 2>&1 | head -c 100; echo
printf '  signal the other job (group %s): ' "$victim"; kill -0 -"$victim" 2>/dev/null && echo reached || echo refused
printf '  write outside the work dir: '; touch "$HOME/owned-by-job" 2>&1 && echo "wrote $HOME/owned-by-job" || true
EOF
chmod 755 "$base/attack.sh"
for mode in "${modes[@]}"; do
  home="$base/home-$mode"; work="$home/work"; data="$home/data"
  mkdir -p "$work"; cp "$base/attack.sh" "$work/"
  [ ${#as[@]} -eq 0 ] || chown -R 65534:65534 "$home"
  (cd "$work" && exec timeout 60 "${as[@]}" env HOME="$home" "$java" -Duser.home="$home" -jar "$jar" up --data "$data" \
      --port 0 --sandbox "$mode" --simulate-gpus 1xH100-80GB > "$home/up.log" 2>&1) &
  server=$!
  for _ in $(seq 1 60); do grep -q "Sluice is up at" "$home/up.log" 2>/dev/null && break; sleep 0.5; done
  if ! grep -q "Sluice is up at" "$home/up.log"; then echo "=== --sandbox $mode: did not start: $(tail -1 "$home/up.log")"; continue; fi
  url="$(grep -o 'http://127.0.0.1:[0-9]*' "$home/up.log" | head -1)"; token="$(cat "$data/admin.token")"
  cli=("$java" -jar "$jar"); opts=(--server "$url" --token "$token")
  (cd "$work" && "${cli[@]}" submit "${opts[@]}" --cpu 0.1 --memory 64MiB --name victim -- sh -c 'echo victim-secret; sleep 40' > /dev/null)
  for _ in $(seq 1 40); do [ -f "$data/runs/j-000001/1/job-pgid" ] && break; sleep 0.25; done
  (cd "$work" && "${cli[@]}" submit "${opts[@]}" --cpu 0.1 --memory 64MiB --name attacker -- ./attack.sh "$data" \
      "$(cat "$data/runs/j-000001/1/job-pgid")" > /dev/null)
  for _ in $(seq 1 40); do [ -f "$data/runs/j-000002/1/exit-code" ] && break; sleep 0.25; done
  echo "=== sluice up --sandbox $mode, run by $who: $(grep 'job sandbox' "$home/up.log" | sed 's/^ *job sandbox *//' | cut -c1-90)"
  "${cli[@]}" logs "${opts[@]}" j-000002
  "${cli[@]}" cancel "${opts[@]}" j-000001 > /dev/null || true
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true
done

#!/usr/bin/env bash
# Scans one folder of .eml files with Palisade, SpamAssassin and Rspamd in the same run, all three offline (no
# DNS blocklists, no network lookups, no Bayes training), and prints throughput and efficacy side by side.
#
#   detection/bench/compare.sh [CORPUS_MAIL_DIR] [WORK_DIR]
#
# CORPUS_MAIL_DIR holds one folder per label (phish/, ham/, spam/); default ../shared/corpus/mail from the
# project root. Needs the Debian packages spamassassin and rspamd (apt-get install -y spamassassin rspamd) and
# runs both daemons as their packaged users on loopback ports, stopping them at the end. Workers: 2 for each
# tool (the target machine has 2 cores). See docs/benchmarks.md for the figures and how to read them.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MAIL="$(cd "${1:-$ROOT/../shared/corpus/mail}" && pwd)"
WORK="${2:-$(mktemp -d /tmp/palisade-compare.XXXXXX)}"
WORKERS=2
SA_PORT=17830
RS_PORT=17833
mkdir -p "$WORK"
chmod 755 "$WORK"
echo "corpus=$MAIL work=$WORK workers=$WORKERS date=$(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg)"

find "$MAIL" -name '*.eml' | sort > "$WORK/files.txt"
echo "messages=$(wc -l < "$WORK/files.txt")"

label_of() { awk -v m="$MAIL/" '{f=$1; sub(m, "", f); split(f, p, "/"); print $0 "\t" p[1]}'; }

cleanup() {
    [[ -f "$WORK/spamd.pid" ]] && kill "$(cat "$WORK/spamd.pid")" 2>/dev/null || true
    [[ -f "$WORK/rspamd.pid" ]] && kill "$(cat "$WORK/rspamd.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# --- Palisade -----------------------------------------------------------------------------------------------
cd "$ROOT"
./mvnw -q -o -pl detection compile
./mvnw -q -o -pl detection exec:java -Dexec.args="evaluate phish=$MAIL/phish ham=$MAIL/ham spam=$MAIL/spam \
    --threads $WORKERS --holdout nazario-20051114,sa-easy-ham-2,sa-spam-2 --outcomes $WORK/palisade.tsv" \
    > "$WORK/palisade-evaluate.md" 2> "$WORK/palisade-evaluate.err"
./mvnw -q -o -pl detection exec:java -Dexec.args="scan $MAIL --threads $WORKERS --warmup 2 --passes 3" \
    > "$WORK/palisade-scan.md" 2> "$WORK/palisade-scan.err"
grep '^total:' "$WORK/palisade-scan.md" | sed 's/^/palisade scan /'

# --- SpamAssassin: spamd in local mode (-L: no DNS, no Razor/Pyzor/DCC), Bayes and auto-welcomelist off ------
mkdir -p "$WORK/sa-site"
cp -r /etc/spamassassin/. "$WORK/sa-site/"
cat > "$WORK/sa-site/zz-offline.cf" <<'CF'
use_bayes 0
bayes_auto_learn 0
skip_rbl_checks 1
use_razor2 0
use_pyzor 0
use_dcc 0
CF
chown -R debian-spamd "$WORK/sa-site"
spamd --local --siteconfigpath="$WORK/sa-site" --nouser-config --username=debian-spamd \
    --listen=127.0.0.1:$SA_PORT --max-children=$WORKERS --min-children=$WORKERS --min-spare=$WORKERS \
    --pidfile="$WORK/spamd.pid" --daemonize --syslog="$WORK/spamd.log" 2>>"$WORK/spamd.log"
for _ in $(seq 60); do spamc -d 127.0.0.1 -p $SA_PORT -K >/dev/null 2>&1 && break; sleep 1; done
sa_one() { printf '%s\t%s\n' "$1" "$(spamc -d 127.0.0.1 -p "$SA_PORT" -c < "$1" || true)"; }
export -f sa_one; export SA_PORT
start=$(date +%s.%N)
xargs -a "$WORK/files.txt" -P $WORKERS -I{} bash -c 'sa_one "$@"' _ {} > "$WORK/sa.raw"
sa_secs=$(echo "$(date +%s.%N) - $start" | bc)
kill "$(cat "$WORK/spamd.pid")"; rm -f "$WORK/spamd.pid"
# spamc -c prints score/threshold; spam means score >= 5 (the default required_score).
awk -F'\t' '{split($2, s, "/"); print $1 "\t" s[1]}' "$WORK/sa.raw" | label_of > "$WORK/sa.tsv"
echo "spamassassin seconds=$sa_secs msg/s=$(echo "$(wc -l < "$WORK/files.txt") / $sa_secs" | bc -l | cut -c1-6)"

# --- Rspamd: the packaged configuration, with every module that asks the network or Redis switched off ------
RL="$WORK/rspamd-local"
mkdir -p "$RL/local.d" "$RL/override.d" "$WORK/rspamd-db" "$WORK/rspamd-run"
for m in rbl surbl emails dkim spf dmarc arc asn fuzzy_check url_redirector rspamd_update greylist ratelimit \
         neural replies reputation mx_check dcc history_redis clickhouse elastic metadata_exporter p0f \
         external_services antivirus bimi dkim_signing; do
    echo "enabled = false;" > "$RL/local.d/$m.conf"
done
# Bayes (statistic.conf) needs Redis in Rspamd 3.4; with no Redis servers configured it stays off.
cat > "$RL/local.d/options.inc" <<CF
dns { nameserver = ["127.0.0.1:5"]; timeout = 0.1s; retransmits = 0; }
CF
cat > "$RL/local.d/worker-normal.inc" <<CF
bind_socket = "127.0.0.1:$RS_PORT";
count = $WORKERS;
CF
echo 'bind_socket = "127.0.0.1:17834";' > "$RL/local.d/worker-controller.inc"
echo 'bind_socket = "127.0.0.1:17835"; count = 0;' > "$RL/local.d/worker-proxy.inc"
echo 'type = "file"; filename = "'"$WORK"'/rspamd.log"; level = "error";' > "$RL/local.d/logging.inc"
chown -R _rspamd "$WORK/rspamd-db" "$WORK/rspamd-run"
touch "$WORK/rspamd.log"; chown _rspamd "$WORK/rspamd.log"
rspamd -u _rspamd -g _rspamd -c /etc/rspamd/rspamd.conf -p "$WORK/rspamd.pid" \
    --var=LOCAL_CONFDIR="$RL" --var=DBDIR="$WORK/rspamd-db" --var=RUNDIR="$WORK/rspamd-run"
for _ in $(seq 60); do rspamc -h 127.0.0.1:$RS_PORT stat >/dev/null 2>&1 && break; \
    rspamc -h 127.0.0.1:$RS_PORT symbols /dev/null >/dev/null 2>&1 && break; sleep 1; done
start=$(date +%s.%N)
rspamc -h 127.0.0.1:$RS_PORT -n $WORKERS -t 60 $(cat "$WORK/files.txt") > "$WORK/rspamd.raw" 2>&1 || true
rs_secs=$(echo "$(date +%s.%N) - $start" | bc)
kill "$(cat "$WORK/rspamd.pid")" 2>/dev/null || true; rm -f "$WORK/rspamd.pid"
# rspamc prints "Results for file: F (..)" then "Score: S / 15.00"; spam here means S >= 6 ("add header").
awk '/^Results for file:/ {f=$4} /^Score:/ && f != "" {print f "\t" $2; f=""}' "$WORK/rspamd.raw" \
    | label_of > "$WORK/rspamd.tsv"
echo "rspamd seconds=$rs_secs msg/s=$(echo "$(wc -l < "$WORK/files.txt") / $rs_secs" | bc -l | cut -c1-6)"

# --- Efficacy side by side: share of each label flagged -----------------------------------------------------
rate() { awk -F'\t' -v t="$2" '{n[$3]++; if ($2 + 0 >= t) f[$3]++}
         END {for (l in n) printf "%s %s: %d/%d flagged (%.1f%%)\n", "'"$3"'", l, f[l], n[l], 100 * f[l] / n[l]}' "$1" \
         | sort; }
rate "$WORK/sa.tsv" 5 "spamassassin(score>=5)"
rate "$WORK/rspamd.tsv" 6 "rspamd(score>=6)"
rate "$WORK/rspamd.tsv" 15 "rspamd(score>=15)"
awk -F'\t' 'NR > 1 {n[$2]++; if ($5 == "SUSPICIOUS" || $5 == "HIGH" || $5 == "MALICIOUS") f[$2]++}
    END {for (l in n) printf "palisade(>=SUSPICIOUS) %s: %d/%d flagged (%.1f%%)\n", l, f[l], n[l], 100 * f[l] / n[l]}' \
    "$WORK/palisade.tsv" | sort
echo "details: $WORK"

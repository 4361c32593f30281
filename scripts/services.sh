#!/usr/bin/env bash
# Real PostgreSQL, Redis, Elasticsearch 8 and an IMAP server (Dovecot) on loopback for the test suite.
#
#   scripts/services.sh up      start what is not already reachable, write .services/env
#   scripts/services.sh down    stop what `up` started
#   scripts/services.sh status  say what answers
#
# Services already reachable through DATABASE_URL, REDIS_URL or ELASTICSEARCH_URL
# are used as they are. Otherwise PostgreSQL and Redis come from Debian's packages
# (installed with apt-get when missing and running as root), and Elasticsearch
# from Elastic's integ-test-zip on Maven Central, run on the machine's Java.
# Dovecot (Debian's dovecot-imapd) serves one test mailbox, unprivileged, with its
# own configuration under .services/dovecot; an IMAP server already reachable
# through KOMUNIKAT_TEST_IMAP_HOST and KOMUNIKAT_TEST_IMAP_PORT is used as it is.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${KOMUNIKAT_SERVICES_DIR:-$ROOT/.services}
CACHE=${KOMUNIKAT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/komunikat}
PG_PORT=${KOMUNIKAT_PG_PORT:-55432}
REDIS_PORT=${KOMUNIKAT_REDIS_PORT:-56379}
ES_PORT=${KOMUNIKAT_ES_PORT:-59200}
IMAP_PORT=${KOMUNIKAT_IMAP_PORT:-51143}
IMAP_USER=prasa
ES_VERSION=8.19.21
SVC_USER=komunikat-svc

log() { printf '[services] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

need_packages() {
  local missing=() cmd pkg
  while [ $# -gt 0 ]; do
    cmd=$1 pkg=$2; shift 2
    command -v "$cmd" >/dev/null 2>&1 || [ -e "$cmd" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "missing packages ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  log "installing ${missing[*]} with apt-get"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "apt-get could not install ${missing[*]}"
}

# PostgreSQL and Elasticsearch refuse to run as root: run them as a system user.
as_svc() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$SVC_USER" -- "$@"; else "$@"; fi
}

ensure_svc_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$SVC_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SVC_USER"
}

started() { grep -qx "$1" "$STATE/started" 2>/dev/null; }
mark_started() { started "$1" || echo "$1" >> "$STATE/started"; }

# --- reachability ------------------------------------------------------------
pg_ok() { pg_isready -q -d "$1" >/dev/null 2>&1; }
redis_ok() {
  python3 - "$1" <<'PY' >/dev/null 2>&1
import socket, sys
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
s = socket.create_connection((u.hostname or "127.0.0.1", u.port or 6379), timeout=2)
s.sendall(b"PING\r\n")
assert s.recv(16).startswith(b"+PONG")
PY
}
es_ok() { curl -fsS -m 5 "$1/_cluster/health" 2>/dev/null | grep -q '"status":"\(green\|yellow\)"'; }
imap_ok() {
  python3 - "$1" "$2" <<'PY' >/dev/null 2>&1
import imaplib, sys
imaplib.IMAP4(sys.argv[1], int(sys.argv[2]), timeout=5).logout()
PY
}

# --- PostgreSQL ----------------------------------------------------------------
pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || fail "postgresql: no server binaries in /usr/lib/postgresql"
  echo "$dir"
}

postgres_up() {
  if [ -n "${DATABASE_URL:-}" ] && pg_ok "$DATABASE_URL"; then
    log "postgresql: using $DATABASE_URL"; PG_URL=$DATABASE_URL; return
  fi
  PG_URL="postgres://komunikat@127.0.0.1:$PG_PORT/komunikat"
  need_packages pg_isready postgresql-client /usr/lib/postgresql postgresql
  if pg_ok "$PG_URL"; then log "postgresql: already running on $PG_PORT"; return; fi
  local bin data=$STATE/postgres
  bin=$(pg_bin)
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && chown "$SVC_USER" "$data" 2>/dev/null || true
    as_svc "$bin/initdb" -D "$data" -U komunikat --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/postgres-initdb.log" 2>&1 \
      || { tail -n 20 "$STATE/postgres-initdb.log" >&2; fail "postgresql: initdb failed"; }
  fi
  as_svc "$bin/pg_ctl" -D "$data" -l "$STATE/postgres.log" -w -t 60 start \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $data -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    >/dev/null || { tail -n 20 "$STATE/postgres.log" >&2; fail "postgresql: did not start on port $PG_PORT"; }
  mark_started postgres
  psql -h 127.0.0.1 -p "$PG_PORT" -U komunikat -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='komunikat'" \
    | grep -q 1 || psql -q -h 127.0.0.1 -p "$PG_PORT" -U komunikat -d postgres -c "CREATE DATABASE komunikat"
  pg_ok "$PG_URL" || fail "postgresql: started but does not answer on $PG_PORT"
  log "postgresql: started on $PG_URL ($(basename "$(dirname "$bin")"))"
}

postgres_down() {
  started postgres || return 0
  as_svc "$(pg_bin)/pg_ctl" -D "$STATE/postgres" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$STATE/postgres"
  log "postgresql: stopped"
}

# --- Redis ---------------------------------------------------------------------
redis_up() {
  if [ -n "${REDIS_URL:-}" ] && redis_ok "$REDIS_URL"; then
    log "redis: using $REDIS_URL"; R_URL=$REDIS_URL; return
  fi
  R_URL="redis://127.0.0.1:$REDIS_PORT/0"
  need_packages redis-server redis-server
  if redis_ok "$R_URL"; then log "redis: already running on $REDIS_PORT"; return; fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" --dir "$STATE" \
    || fail "redis: redis-server did not start"
  mark_started redis
  for _ in $(seq 50); do redis_ok "$R_URL" && break; sleep 0.2; done
  redis_ok "$R_URL" || { tail -n 20 "$STATE/redis.log" >&2; fail "redis: does not answer on $REDIS_PORT"; }
  log "redis: started on $R_URL"
}

redis_down() {
  started redis || return 0
  [ -f "$STATE/redis.pid" ] && kill "$(cat "$STATE/redis.pid")" 2>/dev/null || true
  rm -f "$STATE/redis.pid"
  log "redis: stopped"
}

# --- Elasticsearch -------------------------------------------------------------
# Each run unpacks its own copy in the state dir: the service user owns it and
# cannot read a cache under root's home.
es_home() { echo "$STATE/es-home/elasticsearch-$ES_VERSION"; }

es_fetch() {
  local zip=$CACHE/es/elasticsearch-$ES_VERSION.zip
  if [ ! -f "$zip" ]; then
    need_packages mvn maven java default-jdk-headless
    log "elasticsearch: fetching integ-test-zip $ES_VERSION from Maven Central"
    mkdir -p "$CACHE/es"
    mvn -q dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$CACHE/es" >"$CACHE/es/mvn.log" 2>&1 \
      || { tail -n 20 "$CACHE/es/mvn.log" >&2; fail "elasticsearch: could not fetch the distribution with mvn"; }
  fi
  if [ ! -x "$(es_home)/bin/elasticsearch" ]; then
    need_packages unzip unzip
    mkdir -p "$STATE/es-home"
    unzip -q -o "$zip" -d "$STATE/es-home" || fail "elasticsearch: could not unzip $zip"
  fi
}

# search/elasticsearch_plugin (see its README): komunikat_hunspell, the Polish
# stemmer with a cache and Debian's hunspell-pl dictionary packed in, always; and
# asciifolding and edge_ngram where the distribution has no analysis-common
# module (the integ-test-zip from Maven Central has none).
ES_PLUGIN_SRC=$ROOT/search/elasticsearch_plugin
HUNSPELL_FILES=(/usr/share/hunspell/pl_PL.aff /usr/share/hunspell/pl_PL.dic)

es_plugin_jar() {
  local home=$1 key jar build=$STATE/es-plugin-build
  [ -d "$ES_PLUGIN_SRC/src" ] || fail "elasticsearch plugin: no sources in $ES_PLUGIN_SRC/src"
  key=$( { echo "$ES_VERSION"; cat "${HUNSPELL_FILES[@]}"; cd "$ES_PLUGIN_SRC" && find src -name '*.java' \
    | LC_ALL=C sort | while read -r f; do echo "$f"; cat "$f"; done; } | sha256sum | cut -c1-16)
  jar=$CACHE/es/komunikat-analysis-$ES_VERSION-$key.jar
  if [ ! -f "$jar" ]; then
    need_packages javac default-jdk-headless
    local classpath=() sources=() name found
    for name in elasticsearch-plugin-api elasticsearch-plugin-analysis-api lucene-core lucene-analysis-common; do
      found=("$home/lib/$name"-[0-9]*.jar)
      [ -f "${found[0]}" ] || fail "elasticsearch plugin: no $name jar in $home/lib to compile against"
      classpath+=("${found[0]}")
    done
    mapfile -t sources < <(find "$ES_PLUGIN_SRC/src" -name '*.java')
    { rm -rf "$build" && mkdir -p "$build/classes/hunspell" "$CACHE/es" \
      && cp "${HUNSPELL_FILES[@]}" "$build/classes/hunspell/"; } \
      || fail "elasticsearch plugin: could not prepare $build and $CACHE/es"
    javac --release 17 -d "$build/classes" -cp "$(IFS=:; echo "${classpath[*]}")" "${sources[@]}" >"$build/javac.log" 2>&1 \
      || { cat "$build/javac.log" >&2; fail "elasticsearch plugin: javac failed"; }
    jar --create --file "$build/komunikat-analysis.jar" -C "$build/classes" . >"$build/jar.log" 2>&1 \
      || { cat "$build/jar.log" >&2; fail "elasticsearch plugin: jar failed"; }
    cp "$build/komunikat-analysis.jar" "$jar.tmp" && mv "$jar.tmp" "$jar" \
      || fail "elasticsearch plugin: could not cache the jar in $CACHE/es"
    rm -rf "$build"
    log "elasticsearch: built plugin jar $(basename "$jar")"
  fi
  echo "$jar"
}

es_plugin_install() {
  local home=$1 jar dest=$1/plugins/komunikat-analysis filters='komunikat_hunspell'
  local components='"komunikat_hunspell": "pl.komunikat.analysis.CachedHunspellTokenFilterFactory"'
  jar=$(es_plugin_jar "$home") || exit 1
  if [ ! -d "$home/modules/analysis-common" ]; then
    filters="$filters, asciifolding, edge_ngram"
    components="$components,
    \"asciifolding\": \"pl.komunikat.analysis.AsciiFoldingTokenFilterFactory\",
    \"edge_ngram\": \"pl.komunikat.analysis.EdgeNGramTokenFilterFactory\""
  fi
  { rm -rf "$dest" && mkdir -p "$dest" && cp "$jar" "$dest/komunikat-analysis-1.0.jar" \
    && printf '{\n  "org.elasticsearch.plugin.analysis.TokenFilterFactory": {\n    %s\n  }\n}\n' "$components" \
      > "$dest/named_components.json" \
    && printf '%s\n' "description=Komunikat token filters: $filters" \
      'version=1.0' 'name=komunikat-analysis' 'java.version=17' "elasticsearch.version=$ES_VERSION" \
      > "$dest/stable-plugin-descriptor.properties"; } \
    || fail "elasticsearch plugin: could not install into $dest"
  log "elasticsearch: installed plugin komunikat-analysis ($filters)"
}

es_up() {
  if [ -n "${ELASTICSEARCH_URL:-}" ] && es_ok "$ELASTICSEARCH_URL"; then
    log "elasticsearch: using $ELASTICSEARCH_URL"; E_URL=$ELASTICSEARCH_URL; return
  fi
  E_URL="http://127.0.0.1:$ES_PORT"
  if es_ok "$E_URL"; then log "elasticsearch: already running on $ES_PORT"; return; fi
  need_packages java default-jdk-headless curl curl /usr/share/hunspell/pl_PL.dic hunspell-pl
  es_fetch
  local home conf=$STATE/es-config java_home
  home=$(es_home)
  es_plugin_install "$home"
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  rm -rf "$conf" "$STATE/es-data" "$STATE/es-logs"
  cp -r "$home/config" "$conf"
  mkdir -p "$STATE/es-data" "$STATE/es-logs"
  cat > "$conf/elasticsearch.yml" <<YML
cluster.name: komunikat-test
node.name: komunikat-test
discovery.type: single-node
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $((ES_PORT + 100))
xpack.security.enabled: false
path.data: $STATE/es-data
path.logs: $STATE/es-logs
action.destructive_requires_name: false
YML
  [ "$(id -u)" -eq 0 ] && chown -R "$SVC_USER" "$conf" "$STATE/es-data" "$STATE/es-logs" "$STATE/es-home"
  as_svc env ES_PATH_CONF="$conf" ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms1g -Xmx1g" \
    "$home/bin/elasticsearch" -d -p "$STATE/es.pid" >"$STATE/es-start.log" 2>&1 \
    || { tail -n 20 "$STATE/es-start.log" >&2; fail "elasticsearch: did not start"; }
  mark_started elasticsearch
  for _ in $(seq 120); do es_ok "$E_URL" && break; sleep 1; done
  es_ok "$E_URL" || { tail -n 20 "$STATE"/es-logs/*.log "$STATE/es-start.log" >&2 2>/dev/null; \
    fail "elasticsearch: no healthy cluster on $ES_PORT after 120 s"; }
  log "elasticsearch: started on $E_URL ($ES_VERSION)"
}

es_down() {
  started elasticsearch || return 0
  if [ -f "$STATE/es.pid" ]; then
    local pid; pid=$(cat "$STATE/es.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$STATE/es-data" "$STATE/es-logs" "$STATE/es-config" "$STATE/es-home" "$STATE/es.pid"
  log "elasticsearch: stopped"
}

# --- Dovecot (IMAP) ------------------------------------------------------------
# Runs as the service user (or the caller when not root): no chroot, no TLS, plain
# logins on loopback, one passwd-file user whose maildir is under .services/dovecot.
dovecot_up() {
  if [ -n "${KOMUNIKAT_TEST_IMAP_HOST:-}" ] && imap_ok "$KOMUNIKAT_TEST_IMAP_HOST" "${KOMUNIKAT_TEST_IMAP_PORT:-143}"; then
    log "dovecot: using $KOMUNIKAT_TEST_IMAP_HOST:${KOMUNIKAT_TEST_IMAP_PORT:-143}"
    I_HOST=$KOMUNIKAT_TEST_IMAP_HOST I_PORT=${KOMUNIKAT_TEST_IMAP_PORT:-143}
    I_USER=${KOMUNIKAT_TEST_IMAP_USER:-} I_PASSWORD=${KOMUNIKAT_TEST_IMAP_PASSWORD:-}
    return
  fi
  I_HOST=127.0.0.1 I_PORT=$IMAP_PORT I_USER=$IMAP_USER
  local dir=$STATE/dovecot
  if [ -f "$dir/users" ]; then
    I_PASSWORD=$(cut -d: -f2 "$dir/users" | sed 's/^{PLAIN}//')
  else
    I_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  fi
  if imap_ok "$I_HOST" "$I_PORT"; then log "dovecot: already running on $I_PORT"; return; fi
  need_packages /usr/sbin/dovecot dovecot-imapd
  local owner uid gid
  owner=$([ "$(id -u)" -eq 0 ] && echo "$SVC_USER" || id -un)
  uid=$(id -u "$owner") gid=$(id -g "$owner")
  mkdir -p "$dir/run" "$dir/state" "$dir/mail"
  printf '%s:{PLAIN}%s:%s:%s::%s\n' "$IMAP_USER" "$I_PASSWORD" "$uid" "$gid" "$dir/mail/$IMAP_USER" > "$dir/users"
  cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
instance_name = komunikat-test
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $owner
default_internal_user = $owner
default_internal_group = $(id -gn "$owner")
first_valid_uid = $uid
last_valid_uid = $uid
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
CONF
  [ "$(id -u)" -eq 0 ] && chown -R "$SVC_USER" "$dir"
  chmod 600 "$dir/users"
  as_svc /usr/sbin/dovecot -c "$dir/dovecot.conf" >"$dir/start.log" 2>&1 \
    || { tail -n 20 "$dir/start.log" "$dir/dovecot.log" >&2 2>/dev/null; fail "dovecot: did not start"; }
  mark_started dovecot
  for _ in $(seq 50); do imap_ok "$I_HOST" "$I_PORT" && break; sleep 0.2; done
  imap_ok "$I_HOST" "$I_PORT" || { tail -n 20 "$dir/dovecot.log" >&2 2>/dev/null; fail "dovecot: does not answer on $I_PORT"; }
  log "dovecot: started on imap://$I_HOST:$I_PORT (user $IMAP_USER)"
}

dovecot_down() {
  started dovecot || return 0
  local pidfile=$STATE/dovecot/run/master.pid
  if [ -f "$pidfile" ]; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$STATE/dovecot"
  log "dovecot: stopped"
}

# --- commands ------------------------------------------------------------------
up() {
  mkdir -p "$STATE"
  ensure_svc_user
  [ "$(id -u)" -eq 0 ] && chown "$SVC_USER" "$STATE"
  postgres_up
  redis_up
  es_up
  dovecot_up
  printf 'export DATABASE_URL=%s\nexport REDIS_URL=%s\nexport ELASTICSEARCH_URL=%s\n' \
    "$PG_URL" "$R_URL" "$E_URL" > "$STATE/env"
  printf 'export KOMUNIKAT_TEST_IMAP_HOST=%s\nexport KOMUNIKAT_TEST_IMAP_PORT=%s\n' "$I_HOST" "$I_PORT" >> "$STATE/env"
  printf 'export KOMUNIKAT_TEST_IMAP_USER=%s\nexport KOMUNIKAT_TEST_IMAP_PASSWORD=%s\n' "$I_USER" "$I_PASSWORD" \
    >> "$STATE/env"
  cat "$STATE/env"
}

down() {
  [ -d "$STATE" ] || return 0
  dovecot_down
  es_down
  redis_down
  postgres_down
  rm -f "$STATE/started" "$STATE/env"
}

status() {
  local pg=${DATABASE_URL:-postgres://komunikat@127.0.0.1:$PG_PORT/komunikat}
  local rd=${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}
  local es=${ELASTICSEARCH_URL:-http://127.0.0.1:$ES_PORT}
  pg_ok "$pg" && echo "postgresql     up    $pg" || echo "postgresql     down  $pg"
  redis_ok "$rd" && echo "redis          up    $rd" || echo "redis          down  $rd"
  es_ok "$es" && echo "elasticsearch  up    $es" || echo "elasticsearch  down  $es"
  local ih=${KOMUNIKAT_TEST_IMAP_HOST:-127.0.0.1} ip=${KOMUNIKAT_TEST_IMAP_PORT:-$IMAP_PORT}
  imap_ok "$ih" "$ip" && echo "dovecot        up    imap://$ih:$ip" || echo "dovecot        down  imap://$ih:$ip"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac

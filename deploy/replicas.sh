#!/usr/bin/env bash
# Two SofaBot replicas on one PostgreSQL, behind nginx, on this machine, from Debian's packages (no container engine):
# what compose.yaml runs, to try replicas, kill one, and watch the other carry on.
#   bash deploy/replicas.sh start     # prints the addresses; state in ${SOFABOT_REPLICAS_DIR:-/tmp/sofabot-replicas}
#   bash deploy/replicas.sh stop
# Needs: the .NET SDK, PostgreSQL (apt-get install postgresql) and nginx (apt-get install nginx-light). Telegram and
# DingTalk stay off unless their settings are in the environment (Channels__Telegram__BotToken=…, with
# Channels__Telegram__Mode=Webhook behind a public nginx; Channels__DingTalk__AppSecret=…); the local chat is on, so
# questions can be asked at the nginx address, and the review page is there too (token printed below).
# tests/SofaBot.Tests/Deploy/ReplicasBehindNginxTests does the same with fake Telegram and DingTalk servers, kills one
# replica with kill -9 mid-burst, and counts every reply.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${SOFABOT_REPLICAS_DIR:-/tmp/sofabot-replicas}
nginx=$(command -v nginx || echo /usr/sbin/nginx)

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start() {
  [ -x "$nginx" ] || { echo "nginx not found: apt-get install nginx-light" >&2; exit 1; }
  [ ! -e "$dir/pids" ] || { echo "already running ($dir); run: bash deploy/replicas.sh stop" >&2; exit 1; }
  mkdir -p "$dir"
  dotnet build -c Release src/SofaBot -v q >/dev/null
  eval "$(bash tests/scripts/pg-throwaway.sh start)"
  echo "$PGCI_DIR" > "$dir/pgdir"
  token=${Review__MaintainerToken:-$(openssl rand -hex 24)}
  secret=${Review__KeyRingSecret:-$(openssl rand -base64 32)}
  : > "$dir/pids"
  upstream=""
  for name in a b; do
    p=$(port)
    mkdir -p "$dir/$name"
    # each replica its own folder and home, as on two machines; $! is the program itself, so stop (or kill -9) hits it.
    # nginx is on loopback, which Hosting:TrustedProxies trusts by default: its X-Forwarded-For/-Proto are read
    (cd "$dir/$name" && exec env HOME="$dir/$name" Storage__Provider=Postgres \
      Storage__Postgres__ConnectionString="$PGCI_CONN" Review__MaintainerToken="$token" \
      Review__KeyRingSecret="$secret" Corpus__Path="${Corpus__Path:-$OLDPWD/corpus}" \
      nohup dotnet "$OLDPWD/src/SofaBot/bin/Release/net10.0/SofaBot.dll" serve --urls "http://127.0.0.1:$p") \
      > "$dir/$name/serve.log" 2>&1 < /dev/null &
    echo "$! $name http://127.0.0.1:$p" >> "$dir/pids"
    upstream+="        server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"$'\n'
  done
  front=$(port)
  cp deploy/nginx/sofabot-proxy.conf "$dir/sofabot-proxy.conf"
  cat > "$dir/nginx.conf" <<CONF
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events {}
http {
    access_log $dir/nginx-access.log;
    client_body_temp_path $dir/nginx-body;
    proxy_temp_path $dir/nginx-proxy;
    upstream sofabot {
$upstream        keepalive 16;
    }
    server {
        listen 127.0.0.1:$front;
        client_max_body_size 1m;
        location / { proxy_pass http://sofabot; include $dir/sofabot-proxy.conf; }
    }
}
CONF
  "$nginx" -c "$dir/nginx.conf" -p "$dir" -e "$dir/nginx-error.log" > /dev/null 2>&1 < /dev/null
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$front/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "nginx:     http://127.0.0.1:$front   (local chat at /, review page at /review)"
  while read -r pid name url; do echo "replica $name: $url (pid $pid; kill -9 $pid to try a crash)"; done < "$dir/pids"
  echo "review token: $token"
  echo "PostgreSQL: $PGCI_CONN"
}

stop() {
  [ -e "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
  if [ -e "$dir/pids" ]; then
    while read -r pid _ _; do kill "$pid" 2>/dev/null || true; done < "$dir/pids"
    rm -f "$dir/pids"
  fi
  [ -e "$dir/pgdir" ] && bash tests/scripts/pg-throwaway.sh stop "$(cat "$dir/pgdir")" && rm -f "$dir/pgdir"
  echo "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: bash deploy/replicas.sh start|stop" >&2; exit 2 ;;
esac

#!/bin/sh
# GNU parallel across "hosts" over ssh, for real: start one sshd per host on
# 127.0.0.1, 127.0.0.2, ... (separate sshd processes, each its own host to
# ssh and parallel), run `claimlint extract` on each with --sshlogin, bring
# every shard back over ssh, reconcile, and compare with one run over all the
# files: the output must be identical, byte for byte, with the same exit status.
#
# Not part of `make check`: it needs root (sshd), openssh-server and
# parallel (as root it installs them). Run from the checkout:
#   sh tests/scaling/parallel-ssh.sh [PATH...]          (default: corpus/)
#   SCALE_HOSTS=3 SCALE_FILES_PER_JOB=2000 sh tests/scaling/parallel-ssh.sh bench-data/corpus-200
# The hosts share this machine's file system, as nodes sharing an NFS mount
# would: the binary, the rules and the articles are at the same paths on each.
# docs/scaling.md shows a run and what changes on a real cluster.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/build/claimlint"
hosts=${SCALE_HOSTS:-3}
per_job=${SCALE_FILES_PER_JOB:-4}
port=${SCALE_PORT:-22022}
[ $# -gt 0 ] || set -- "$root/corpus"

if [ "$(id -u)" != 0 ]; then
    echo "parallel-ssh.sh: needs root, to start sshd" >&2
    exit 2
fi
if ! command -v parallel >/dev/null 2>&1 || [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1; then
    echo "== installing openssh-server, openssh-client and parallel"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server openssh-client parallel >/dev/null ||
        { echo "parallel-ssh.sh: cannot install openssh-server and parallel" >&2; exit 2; }
fi
[ -x "$bin" ] || { echo "parallel-ssh.sh: $bin is missing (make)" >&2; exit 2; }

tmp=$(mktemp -d)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# Keys: one host key for the sshds, one client key authorised for root.
ssh-keygen -q -t ed25519 -N '' -f "$tmp/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/id"
cp "$tmp/id.pub" "$tmp/authorized_keys"
mkdir -p /run/sshd
logins=""
i=1
while [ $i -le "$hosts" ]; do
    addr=127.0.0.$i
    cat >"$tmp/sshd_$i.conf" <<CONF
ListenAddress $addr:$port
HostKey $tmp/host_key
PidFile $tmp/sshd_$i.pid
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 100:30:200
MaxSessions 100
CONF
    /usr/sbin/sshd -D -e -f "$tmp/sshd_$i.conf" 2>"$tmp/sshd_$i.log" &
    pids="$pids $!"
    logins="$logins${logins:+,}1/$addr"
    i=$((i + 1))
done
# The client side: every "host" on the same port with the same key.
cat >"$tmp/ssh_config" <<CONF
Host 127.0.0.*
    Port $port
    User root
    IdentityFile $tmp/id
    IdentitiesOnly yes
    StrictHostKeyChecking no
    UserKnownHostsFile /dev/null
    LogLevel ERROR
    BatchMode yes
CONF
ssh_cmd="ssh -F $tmp/ssh_config"
# Wait until each sshd answers.
i=1
while [ $i -le "$hosts" ]; do
    n=0
    until $ssh_cmd 127.0.0.$i true 2>/dev/null; do
        n=$((n + 1))
        if [ $n -gt 50 ]; then
            echo "parallel-ssh.sh: sshd on 127.0.0.$i does not answer:" >&2
            cat "$tmp/sshd_$i.log" >&2
            exit 2
        fi
        sleep 0.1
    done
    echo "== host 127.0.0.$i:$port: $($ssh_cmd 127.0.0.$i 'echo sshd answers as $(whoami) on $(hostname), pid $PPID')"
    i=$((i + 1))
done

cd "$root" || exit 2
# The files, in path order, as claimlint itself would walk them.
find "$@" -type f \( -iname '*.txt' -o -iname '*.md' -o -iname '*.markdown' -o -iname '*.text' -o -iname '*.html' -o -iname '*.htm' \) \
    ! -path '*/.*' | sort >"$tmp/files"
echo "== $(wc -l <"$tmp/files") files, $per_job per job, on $hosts hosts: $logins"

# Map: each job extracts its files on some host; its stdout (the shard)
# comes back over ssh. --group keeps each job's output whole. --workdir: the
# notes of findings name rule files relative to the working directory, so
# extract runs where the final reconcile (and the single run) runs.
start=$(date +%s.%N)
parallel --will-cite --ssh "$ssh_cmd" --sshlogin "$logins" --workdir "$root" --group -n "$per_job" --joblog "$tmp/joblog" \
    "$bin" extract -q -j1 {} <"$tmp/files" >"$tmp/shards.jsonl"
map_status=$?
end=$(date +%s.%N)
echo "== map: exit status $map_status, $(awk 'NR > 1' "$tmp/joblog" | wc -l) jobs in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s; jobs per host:"
awk -F'\t' 'NR > 1 { n[$2]++ } END { for (h in n) printf "     %s %d\n", h, n[h] }' "$tmp/joblog" | sort
echo "   $(wc -c <"$tmp/shards.jsonl") bytes of shards, $(grep -c '"kind":"document"' "$tmp/shards.jsonl") documents"

# Reduce: reconcile the shards, and compare with one run over every file.
"$bin" reconcile "$tmp/shards.jsonl" >"$tmp/reconciled.out" 2>"$tmp/reconciled.err"
rs=$?
"$bin" "$@" >"$tmp/one.out" 2>"$tmp/one.err"
os=$?
echo "== one run: exit status $os, $(wc -l <"$tmp/one.out") lines; reconciled: exit status $rs, $(wc -l <"$tmp/reconciled.out") lines"
echo "   summary of one run:   $(cat "$tmp/one.err")"
echo "   summary of reconcile: $(cat "$tmp/reconciled.err")"
fails=0
cmp -s "$tmp/one.out" "$tmp/reconciled.out" || { echo "FAIL: standard output differs"; diff "$tmp/one.out" "$tmp/reconciled.out" | head; fails=1; }
cmp -s "$tmp/one.err" "$tmp/reconciled.err" || { echo "FAIL: standard error differs"; fails=1; }
[ "$os" = "$rs" ] || { echo "FAIL: exit status $os, reconciled $rs"; fails=1; }
[ "$map_status" = 0 ] || { echo "FAIL: a map job failed"; fails=1; }
if [ $fails = 0 ]; then
    echo "== identical: $(sha256sum <"$tmp/one.out" | cut -c1-16) on both sides"
    echo "parallel-ssh: 1 passed, 0 failed"
else
    echo "parallel-ssh: 0 passed, 1 failed"
fi
exit $fails

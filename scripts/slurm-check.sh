#!/usr/bin/env bash
# Proves `cxrseg grid slurm` on a real Slurm: as root on a Debian 12 machine it installs Slurm and MUNGE (apt-get),
# starts a private one-node cluster (its own munged, slurmctld and slurmd, config, ports and state under a scratch
# folder), submits the array script `cxrseg grid slurm` writes for a tiny phantom grid and checks that every plan
# finished exactly once, `grid status` shows all done, the report builds and every array task is COMPLETED. A second
# submission cancels one array task mid-run (scancel), requeues it (scontrol requeue) and checks that the grid still
# completes with no duplicate and no lost run. The daemons it started are stopped on exit.
#
# Usage: scripts/slurm-check.sh [--keep]      (--keep: leave the scratch folder; it is always kept on failure)
# Exit status: 0 passed, 1 failed, 77 skipped (not root, no apt-get, or Slurm/MUNGE could not be installed).
# Environment: CXRSEG_SLURM_WORK=DIR scratch folder (default: a new /tmp/cxrseg-slurm.XXXXXX);
#              CXRSEG_SLURM_SHARDS=N array tasks (default 4, at least 4).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEEP=0
[ "${1:-}" = "--keep" ] && KEEP=1
SHARDS="${CXRSEG_SLURM_SHARDS:-4}"
T0=$(date +%s)

say() { echo "[slurm-check +$(( $(date +%s) - T0 ))s] $*"; }
skip() { say "SKIPPED: $*"; exit 77; }
FAILED=0
fail() { say "FAILED: $*"; FAILED=1; exit 1; }

# ---------------------------------------------------------------- 1. Slurm and MUNGE (installed only when missing)
[ "$(id -u)" -eq 0 ] || skip "must run as root to install and start Slurm (run: sudo $0)"
command -v apt-get >/dev/null 2>&1 || skip "apt-get not found: this check needs a Debian-like machine"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurmctld slurmd slurm-client munge (apt-get)"
  aptlog=$(mktemp)
  if ! { timeout 300 apt-get update -q && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q --no-install-recommends \
           slurmctld slurmd slurm-client munge; } >"$aptlog" 2>&1; then
    tail -20 "$aptlog"
    skip "apt-get could not install Slurm/MUNGE (see above)"
  fi
  rm -f "$aptlog"
fi
for c in slurmctld slurmd sbatch squeue scancel scontrol sacct munged munge; do
  command -v "$c" >/dev/null || skip "$c is still missing after apt-get"
done
say "slurm $(dpkg-query -W -f='${Version}' slurmctld 2>/dev/null), munge $(dpkg-query -W -f='${Version}' munge 2>/dev/null)"

# ---------------------------------------------------------------- 2. scratch folder, tool build
# Slurm runs the job scripts from its spool folder, so the scratch folder must allow exec (/tmp may be noexec).
base=/tmp
findmnt -no OPTIONS --target /tmp 2>/dev/null | grep -qw noexec && base="$ROOT/.build"
W="${CXRSEG_SLURM_WORK:-$(mktemp -d "$base/cxrseg-slurm.XXXXXX")}"
mkdir -p "$W" && chmod 0700 "$W"
mkdir -p "$W/etc" "$W/state" "$W/spool" "$W/run" "$W/log" "$W/munge"
export SLURM_CONF="$W/etc/slurm.conf"
PIDS=()
JOBS=()
# The daemons and the jobs (sbatch exports the submitter's environment) carry MARK, this script does not: ours lists
# the processes of this check's cluster, daemons, slurmstepd and jobs, and nothing else.
MARK="CXRSEG_SLURM_CHECK_OF=$W"
ours() {
  grep -lsxzF "$MARK" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3
}
# stop_all: cancels the check's jobs, stops the daemons it started and any process left under its cluster.
stop_all() {
  local p left
  [ "${#PIDS[@]}" -gt 0 ] || return 0   # already stopped
  if [ "${#JOBS[@]}" -gt 0 ] && [ -n "$(squeue -h -r 2>/dev/null)" ]; then
    scancel "${JOBS[@]}" 2>/dev/null
    for _ in $(seq 60); do [ -z "$(squeue -h -r 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done; kill -9 "$p" 2>/dev/null; done
  PIDS=()
  for p in $(ours); do kill -9 "$p" 2>/dev/null; done
}
cleanup() {
  stop_all
  if [ "$FAILED" -eq 0 ] && [ "$KEEP" -eq 0 ]; then rm -rf "$W"; else say "scratch folder kept: $W"; fi
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM
dump() {
  for f in "$W"/log/slurmctld.log "$W"/log/slurmd.log "$W"/log/munged.log "$W"/log/jobcomp.txt; do
    [ -f "$f" ] && { echo "---- tail $f"; tail -25 "$f"; }
  done
  for f in "$W"/ws*/slurm-logs/*.out; do [ -f "$f" ] && { echo "---- $f"; tail -15 "$f"; }; done
}
failx() { dump; fail "$@"; }

"$ROOT/scripts/ensure-built.sh" || fail "the tool does not build"
CX="$ROOT/cxrseg"

# ---------------------------------------------------------------- 3. MUNGE (a private munged with its own key and socket)
dd if=/dev/urandom of="$W/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$W/munge/munge.key"
SOCK="$W/munge/munge.socket"
env "$MARK" munged --foreground --force --socket="$SOCK" --key-file="$W/munge/munge.key" --log-file="$W/log/munged.log" \
  --pid-file="$W/run/munged.pid" --seed-file="$W/munge/munged.seed" >"$W/log/munged.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.2; done
munge -n -S "$SOCK" | unmunge -S "$SOCK" >/dev/null 2>&1 || { cat "$W/log/munged.out"; failx "munged does not answer on $SOCK"; }

# ---------------------------------------------------------------- 4. slurm.conf with the node's real CPUs and memory
NODE=$(hostname -s)
read -r CPUS MEM < <(slurmd -C | awk '{for(i=1;i<=NF;i++){split($i,a,"="); if(a[1]=="CPUs")c=a[2]; if(a[1]=="RealMemory")m=a[2]}} END{print c, m}')
[ -n "${CPUS:-}" ] && [ -n "${MEM:-}" ] || failx "slurmd -C did not report CPUs and RealMemory"
PORT=$(( 20000 + ($$ % 20000) ))
cat >"$SLURM_CONF" <<EOF
# One-node cluster of scripts/slurm-check.sh: no cgroup (proctrack/linuxproc, task/none), no accounting database
# (sacct reads the job-completion log: JobCompType=jobcomp/filetxt, sacct --completion).
ClusterName=cxrsegcheck
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/run/slurmctld.pid
SlurmdPidFile=$W/run/slurmd.pid
SlurmctldLogFile=$W/log/slurmctld.log
SlurmdLogFile=$W/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$W/log/jobcomp.txt
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
KillWait=30
MinJobAge=3600
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=check Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
say "node $NODE: $CPUS CPUs, $MEM MB; ports $PORT/$((PORT + 1)); scratch $W"
[ "$CPUS" -ge 2 ] || skip "the node has $CPUS CPU; the check needs 2 to run two array tasks at once"

env "$MARK" slurmctld -D -i -f "$SLURM_CONF" >"$W/log/slurmctld.out" 2>&1 &
PIDS+=($!)
env "$MARK" slurmd -D -f "$SLURM_CONF" -N "$NODE" >"$W/log/slurmd.out" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 60); do
  state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null | head -1)
  [ "$state" = "idle" ] && break
  sleep 1
done
[ "$state" = "idle" ] || { cat "$W/log/slurmctld.out" "$W/log/slurmd.out"; failx "the node did not come up idle (state: '${state:-none}')"; }
say "slurmctld and slurmd up; node idle"

# ---------------------------------------------------------------- 5. tiny phantom data and grid
"$CX" synth --out "$W/synth" --chexpert 24 --siim 16 --ccxs 30 --size 64 --quiet >"$W/log/synth.log" 2>&1 || { cat "$W/log/synth.log"; fail "synth failed"; }
for ds in chexpert siim ccxs; do
  "$CX" prepare "$ds" --source "$W/synth/$ds" --out "$W/ws1" --size 32 --quiet >>"$W/log/prepare.log" 2>&1 \
    || { cat "$W/log/prepare.log"; fail "prepare $ds failed"; }
done
mkdir -p "$W/ws2" && cp -a "$W/ws1/prepared" "$W/ws2/"
cat >"$W/grid.yaml" <<'EOF'
# The demo's tiny sizes: UNet/resnet18 from random weights; none vs 1-step CheXpert vs 1-step SIIM vs 2-step; 2 repeats.
name: slurmcheck
datasets:
  chexpert: prepared/chexpert
  siim: prepared/siim
  ccxs: prepared/ccxs
options:
  imageSize: 32
  batchSize: 4
  earlyStoppingPatience: 0
stageOptions:
  chexpert: { maxEpochs: 1, maxStepsPerEpoch: 2 }
  siim: { maxEpochs: 1, maxStepsPerEpoch: 2 }
  ccxs: { maxEpochs: 1, maxStepsPerEpoch: 1 }
architectures: [unet]
encoders: [resnet18]
strategies: [none, chexpert-classifier, siim, 2step-classifier]
inits: [random]
transfers: [encoder]
repeats: 2
seed: 0
sharedPretraining: true
EOF
say "phantoms prepared (data: $(du -sh "$W/ws1/prepared" | cut -f1))"

# ---------------------------------------------------------------- helpers over one submission
# submit N WS SHARDS: writes the array script run$N.sbatch for workspace ws$WS with `cxrseg grid slurm` and submits
# it; sets JOB.
submit() {
  local n=$1 ws=$2 shards=$3
  (cd "$W" && "$CX" grid slurm "$W/grid.yaml" --shards "$shards" --workspace "$W/ws$ws" --gpus 0 --cpus 1 --mem 1G \
      --time 00:20:00 --partition check --job-name "check$n" --out "$W/run$n.sbatch") || failx "grid slurm failed"
  JOB=$(cd "$W" && env "$MARK" sbatch --parsable "$W/run$n.sbatch") || failx "sbatch refused $W/run$n.sbatch"
  JOB=${JOB%%;*}
  JOBS+=("$JOB")
  say "submitted $W/run$n.sbatch as job $JOB"
}
# all_completed JOB SHARDS: every array task's last record is COMPLETED 0:0.
all_completed() {
  local states bad
  states=$(final_states "$1")
  echo "$states" | sed 's/^/    task /'
  [ "$(echo "$states" | grep -c .)" -eq "$2" ] || failx "sacct --completion lists $(echo "$states" | grep -c .) of $2 array tasks of job $1"
  bad=$(echo "$states" | grep -vE '^[0-9]+ COMPLETED 0:0$')
  [ -z "$bad" ] || failx "array tasks of job $1 not COMPLETED with exit 0:0: $bad"
}
MAXRUN=0
poll_running() {
  local r
  r=$(squeue -h -j "$1" -t R -r 2>/dev/null | wc -l)
  [ "$r" -gt "$MAXRUN" ] && MAXRUN=$r
}
# wait_job JOB LIMIT_S: until no task of JOB is pending or running.
wait_job() {
  local end=$(( $(date +%s) + $2 ))
  while [ -n "$(squeue -h -j "$1" -r 2>/dev/null)" ]; do
    poll_running "$1"
    [ "$(date +%s)" -lt "$end" ] || { squeue -j "$1" -r; failx "job $1 did not finish within $2 s"; }
    sleep 1
  done
}
# task_records JOB: "index state exitcode" of every completion record of JOB's array tasks, oldest first. sacct
# --completion reads the job-completion log (no accounting database here) but Slurm 22.05's reader does not parse its
# ArrayJobId/ArrayTaskId fields, so the tasks' own job ids are looked up in the log and sacct is asked about those.
task_records() {
  local map ids
  map=$(sed -nE "s/^JobId=([0-9]+) .* ArrayJobId=$1 ArrayTaskId=([0-9]+) .*/\1 \2/p" "$W/log/jobcomp.txt" | sort -u)
  [ -n "$map" ] || return 0
  ids=$(echo "$map" | awk '{print $1}' | paste -sd,)
  sacct --completion -n -P -j "$ids" -o jobid,state,exitcode 2>/dev/null | awk -F'|' -v map="$map" '
    BEGIN { n = split(map, L, "\n"); for (i = 1; i <= n; i++) { split(L[i], p, " "); idx[p[1]] = p[2] } }
    ($1 in idx) { print idx[$1], $2, $3 }'
}
# final_states JOB: "index state exitcode" of each array task's last record.
final_states() {
  task_records "$1" | awk '{ last[$1] = $2 " " $3 } END { for (k in last) print k, last[k] }' | sort -n
}
# check_ws N JOB: every plan done exactly once, every stage trained exactly once, status all done, report builds,
# every array task COMPLETED with exit 0.
check_ws() {
  local n=$1 job=$2 ws="$W/ws$1" plans bad
  plans=$("$CX" grid status "$W/grid.yaml" --workspace "$ws" --all 2>&1 | sed -nE 's/^([0-9]+) plan\(s\): .*/\1/p')
  [ -n "$plans" ] && [ "$plans" -ge 8 ] || failx "grid status did not list the grid's plans"
  plans_total=$plans
  "$CX" grid status "$W/grid.yaml" --workspace "$ws" >"$W/status$n.txt" 2>&1
  grep -qE "^$plans plan\(s\): done $plans, running 0, failed 0, pending 0" "$W/status$n.txt" \
    || { cat "$W/status$n.txt"; failx "grid status does not show all $plans plans done (ws$n)"; }
  # Each task prints "[k/n] RUN: Done (trained: STAGE ...)" once per plan it finished; logs are appended on requeue.
  cat "$ws"/slurm-logs/*.out >"$W/all$n.log"
  local runs done_lines
  runs=$(find "$ws/runs" -mindepth 1 -maxdepth 1 -type d | wc -l)
  [ "$runs" -eq "$plans" ] || failx "ws$n has $runs run folders for $plans plans"
  bad=$(grep -oE '\] [^ ]+: Done' "$W/all$n.log" | sort | uniq -d)
  [ -z "$bad" ] || failx "plans finished more than once: $bad"
  done_lines=$(grep -cE '\] [^ ]+: Done' "$W/all$n.log")
  [ "$done_lines" -eq "$plans" ] || failx "$done_lines plan completions logged for $plans plans (ws$n)"
  local stages trained
  stages=$(find "$ws/stages" -mindepth 1 -maxdepth 1 -type d | wc -l)
  trained=$(grep -oE 'trained: [^)]*' "$W/all$n.log" | cut -d' ' -f2- | tr ' ' '\n' | grep -c .)
  bad=$(grep -oE 'trained: [^)]*' "$W/all$n.log" | cut -d' ' -f2- | tr ' ' '\n' | grep . | sort | uniq -d)
  [ -z "$bad" ] || failx "stages trained more than once: $bad"
  [ "$trained" -eq "$stages" ] || failx "$trained stage trainings logged for $stages stage folders (ws$n)"
  [ -z "$(ls -A "$ws/locks" 2>/dev/null)" ] || failx "locks left behind in ws$n: $(ls "$ws/locks")"
  [ -z "$(ls -A "$ws/tmp" 2>/dev/null)" ] || failx "temp folders left behind in ws$n: $(ls "$ws/tmp")"
  "$CX" report "$W/grid.yaml" --workspace "$ws" --out "$W/report$n" >"$W/log/report$n.log" 2>&1 \
    || { cat "$W/log/report$n.log"; failx "the report does not build (ws$n)"; }
  [ -s "$W/report$n/report.md" ] && [ -s "$W/report$n/report.html" ] || failx "report$n has no report.md/report.html"
  all_completed "$job" "$SHARDS"
  say "ws$n: $plans plans done once each, $stages stages trained once each, report built, $SHARDS tasks COMPLETED"
}

# ---------------------------------------------------------------- 6. a whole grid under Slurm
t1=$(date +%s)
submit 1 1 "$SHARDS"
JOB1=$JOB
wait_job "$JOB1" 600
say "job $JOB1 finished in $(( $(date +%s) - t1 )) s; at most $MAXRUN array tasks ran at once"
[ "$MAXRUN" -ge 2 ] || failx "never saw two array tasks running at once (max $MAXRUN)"
check_ws 1 "$JOB1"

# ---------------------------------------------------------------- 7. cancel one array task mid-run, requeue it
t2=$(date +%s)
submit 2 2 "$SHARDS"
JOB2=$JOB
victim=""; held=""
# Prefer a task that already finished a plan (its requeued attempt must skip that plan, not redo it); after 60 s any
# task training a run will do.
prefer_until=$(( $(date +%s) + 60 ))
end=$(( $(date +%s) + 300 ))
while [ -z "$victim" ]; do
  [ "$(date +%s)" -lt "$end" ] || failx "no array task of job $JOB2 was seen training a run"
  [ -n "$(squeue -h -j "$JOB2" -r 2>/dev/null)" ] || failx "job $JOB2 ended before a task could be cancelled mid-run"
  for lk in "$W"/ws2/locks/run-*.lock; do
    [ -f "$lk" ] || continue
    pid=$(sed -nE 's/.*"Pid":([0-9]+).*/\1/p' "$lk" 2>/dev/null)
    [ -n "$pid" ] && [ -r "/proc/$pid/environ" ] || continue
    idx=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | sed -n 's/^SLURM_ARRAY_TASK_ID=//p')
    [ -n "$idx" ] || continue
    # Mid-run: it holds the run and is training one of its stages in tmp/.
    compgen -G "$W/ws2/tmp/*.$pid.*" >/dev/null || continue
    if [ "$(date +%s)" -lt "$prefer_until" ]; then
      grep -qE '\] [^ ]+: Done' "$W"/ws2/slurm-logs/*_"$idx".out 2>/dev/null || continue
    fi
    cand=$(basename "$lk" .lock); cand=${cand#run-}
    # Not in its last moments: a run whose final stage (the id that ends its name) is already published, or whose
    # run.json exists, finishes within milliseconds, before scancel could reach it.
    [ -d "$W/ws2/stages/${cand##*-}" ] && continue
    [ -f "$W/ws2/runs/$cand/run.json" ] && continue
    grep -qF "${cand}: Done" "$W"/ws2/slurm-logs/*_"$idx".out 2>/dev/null && continue
    # Still held by the same process after these checks (the checks above take a few milliseconds).
    [ "$(sed -nE 's/.*"Pid":([0-9]+).*/\1/p' "$lk" 2>/dev/null)" = "$pid" ] || continue
    victim=$idx; held=$cand
    break
  done
  poll_running "$JOB2"
  sleep 0.3
done
say "cancelling array task ${JOB2}_$victim while it trains run $held"
scancel "${JOB2}_$victim" || failx "scancel ${JOB2}_$victim failed"
end=$(( $(date +%s) + 90 ))
while squeue -h -j "${JOB2}_$victim" -t R,CG 2>/dev/null | grep -q .; do
  [ "$(date +%s)" -lt "$end" ] || failx "array task ${JOB2}_$victim did not stop after scancel"
  sleep 0.5
done
[ -f "$W/ws2/runs/$held/run.json" ] && failx "run $held finished although its task was cancelled mid-run"
cancelled=$(task_records "$JOB2" | grep -c "^$victim CANCELLED")
[ "$cancelled" -ge 1 ] || failx "sacct --completion shows no CANCELLED record for ${JOB2}_$victim"
say "task ${JOB2}_$victim CANCELLED, run $held not done; requeueing it"
before=$(grep -oE '\] [^ ]+: Done' "$W"/ws2/slurm-logs/*_"$victim".out | sed -E 's/^\] //; s/: Done$//')
scontrol requeue "${JOB2}_$victim" || failx "scontrol requeue ${JOB2}_$victim failed"
# Slurm holds a requeued job back for a while (BeginTime); let it start now.
scontrol update JobId="${JOB2}_$victim" StartTime=now >/dev/null 2>&1 || true
wait_job "$JOB2" 600
say "job $JOB2 (with the requeued task) finished in $(( $(date +%s) - t2 )) s"
grep -q "${held}: Done" "$W/ws2/slurm-logs/"*"_${victim}.out" || failx "the requeued task ${JOB2}_$victim did not finish run $held"
for r in $before; do
  grep -q "${r}: AlreadyDone" "$W/ws2/slurm-logs/"*"_${victim}.out" || failx "the requeued task did not skip $r, which it finished before the cancel"
done
[ -n "$before" ] && say "the requeued task skipped the run it had finished before the cancel ($before)"
check_ws 2 "$JOB2"

# ---------------------------------------------------------------- 8. resubmitting a finished grid, more shards than plans
stages_before=$(find "$W/ws1/stages" -mindepth 1 -maxdepth 1 -type d | wc -l)
MORE=$(( SHARDS * 2 + 2 ))
submit 3 1 "$MORE"
JOB3=$JOB
wait_job "$JOB3" 300
all_completed "$JOB3" "$MORE"
cat "$W"/ws1/slurm-logs/check3-*.out >"$W/all3.log"
grep -qE '\] [^ ]+: Done' "$W/all3.log" && failx "resubmitting the finished grid ran a plan again"
[ "$(grep -c ': AlreadyDone' "$W/all3.log")" -eq "$plans_total" ] || failx "the resubmitted tasks did not find each plan already done, once"
[ "$(grep -c ': nothing to do' "$W/all3.log")" -eq $(( MORE - plans_total )) ] || failx "the $(( MORE - plans_total )) shards without plans did not say 'nothing to do'"
[ "$(find "$W/ws1/stages" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq "$stages_before" ] || failx "resubmitting trained new stages"
say "resubmitted as $MORE tasks: all COMPLETED, nothing run again, $(( MORE - plans_total )) empty shards said 'nothing to do'"

stop_all
sleep 1
left=$(ours | paste -sd' ')
[ -z "$left" ] || fail "processes of the check's cluster still running after stopping it: $left"
say "daemons stopped"
say "PASSED in $(( $(date +%s) - T0 )) s (grid of $plans_total plans as $SHARDS array tasks twice, one task cancelled and requeued; resubmitted as $MORE tasks)"

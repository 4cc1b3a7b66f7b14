#!/usr/bin/env python3
"""Crash (or hang) to first frame again, for a kiosk (issue 16 item 3).

A supervisor that does what soma-kiosk.service asks of systemd: it starts
`soma kiosk` with NOTIFY_SOCKET and WATCHDOG_USEC pointing at a socket of
its own, waits for READY=1 (the first frame shown), restarts it at once
when it dies (Restart=always, RestartSec=0), and kills it with SIGABRT
when the watchdog has not heard from it for WatchdogSec. Then it measures:

  crash: kill -SEGV at a random moment, until READY=1 from the new process;
  hang:  kill -STOP (the frame loop stands), until READY=1 from the new
         process (the watchdog's wait, the kill, the restart, the first frame).

Not a ctest entry: it takes a minute. Usage:
  tests/kiosk/measure-restart.py BUILD_DIR [--rounds N] [--watchdog-sec S]
Runs offscreen (`soma kiosk --offscreen`): no display is needed.
"""
import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--watchdog-sec", type=float, default=2.0)
    args = ap.parse_args()
    soma = os.path.join(os.path.abspath(args.build), "bin", "soma")
    work = tempfile.mkdtemp(prefix="soma-restart-")
    config = os.path.join(work, "kiosk.toml")
    with open(config, "w") as f:
        f.write('languages = ["nl", "en"]\n\n[[exercise]]\nid = "body-scan"\n\n[[exercise]]\nid = "grounding"\n')
    sock_path = os.path.join(work, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    env = dict(os.environ)
    env.update({
        "NOTIFY_SOCKET": sock_path,
        "WATCHDOG_USEC": str(int(args.watchdog_sec * 1e6)),
        "XDG_STATE_HOME": os.path.join(work, "state"),
        "XDG_CACHE_HOME": os.path.join(work, "cache"),
        "XDG_DATA_HOME": os.path.join(work, "data"),
        "XDG_CONFIG_HOME": os.path.join(work, "config"),
        "SOMA_LOG_LEVEL": "warn",
    })
    log = open(os.path.join(work, "soma.log"), "ab")

    def start():
        # WATCHDOG_PID is the process systemd started: the shell's pid, which exec keeps.
        return subprocess.Popen(["sh", "-c", 'WATCHDOG_PID=$$ exec "$0" kiosk --offscreen --config "$1"', soma, config],
                                env=env, stdout=log, stderr=log)

    def wait_ready(proc, since):
        """Supervises until READY=1 from `proc`; restarts it when it dies. Returns (proc, seconds)."""
        while True:
            sock.settimeout(0.05)
            try:
                msg = sock.recv(4096).decode()
            except socket.timeout:
                msg = ""
            if "READY=1" in msg:
                return proc, time.monotonic() - since
            if proc.poll() is not None:
                proc = start()  # Restart=always, RestartSec=0

    def supervise_hang(proc, since):
        """The loop stands: no WATCHDOG=1 for WatchdogSec, then SIGABRT, restart, ready."""
        last = since
        while True:
            sock.settimeout(0.05)
            try:
                if "WATCHDOG=1" in sock.recv(4096).decode():
                    last = time.monotonic()
            except socket.timeout:
                pass
            if time.monotonic() - last >= args.watchdog_sec:
                proc.send_signal(signal.SIGABRT)
                proc.send_signal(signal.SIGCONT)
                proc.wait()
                return wait_ready(start(), since)

    # A first start fills the caches (card pictures, lengths), as a kiosk's
    # first boot does; the measurements are of the starts after it.
    t0 = time.monotonic()
    proc, first = wait_ready(start(), t0)
    print(f"first start to first frame (caches empty): {first:.2f} s")
    # The watchdog must never go unfed while the rest loads after the first
    # frame (plugins checked, card pictures drawn: slowest with empty caches).
    last = time.monotonic()
    longest = 0.0
    end = last + 6.0
    while time.monotonic() < end:
        sock.settimeout(0.05)
        try:
            if "WATCHDOG=1" in sock.recv(4096).decode():
                now = time.monotonic()
                longest = max(longest, now - last)
                last = now
        except socket.timeout:
            pass
    longest = max(longest, time.monotonic() - last)
    print(f"longest silence of the watchdog in the first 6 s after it (caches empty): {longest:.2f} s (WatchdogSec={args.watchdog_sec:g})")
    crash, hang = [], []
    for i in range(args.rounds):
        time.sleep(random.uniform(1.0, 3.0))
        t = time.monotonic()
        proc.send_signal(signal.SIGSEGV)
        proc.wait()
        proc, s = wait_ready(start(), t)
        crash.append(s)
        time.sleep(random.uniform(1.0, 3.0))
        t = time.monotonic()
        proc.send_signal(signal.SIGSTOP)
        proc, s = supervise_hang(proc, t)
        hang.append(s)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)

    def say(name, xs):
        print(f"{name}: median {statistics.median(xs):.2f} s, max {max(xs):.2f} s over {len(xs)} ({', '.join(f'{x:.2f}' for x in xs)})")

    say("kill -SEGV to first frame again", crash)
    say(f"hang (SIGSTOP) to first frame again, WatchdogSec={args.watchdog_sec:g}", hang)
    return 0 if max(crash + hang) <= 3.0 and longest < args.watchdog_sec else 1


if __name__ == "__main__":
    sys.exit(main())

"""Run one command and write its resource usage: the small parent that ``bench/measure.py`` times through.

    python -S bench/launch.py RESULT_FILE TIMEOUT_S NICE COMMAND...

The kernel counts, in a child's peak memory (``ru_maxrss``), the memory of the process it was
forked from, up to the moment it starts its program. Forked straight from a benchmark that
has generated a million-row file, every command would show that benchmark's size. This
launcher imports nothing but ``os``, ``signal`` and ``sys`` (run it with ``-S``: about 9 MiB),
forks, starts COMMAND, waits for it and writes "EXIT USER_S SYS_S MAXRSS_UNITS" to RESULT_FILE.
Past TIMEOUT_S it kills the command (its exit is then -9); ended itself, it ends the command.
"""

import os
import signal
import sys


def main() -> int:
    result, timeout_s, nice, cmd = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    pid = os.fork()
    if pid == 0:
        try:
            if nice:
                os.nice(nice)
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
    for ending in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):      # the bench was stopped: so is COMMAND
        signal.signal(ending, lambda signum, _frame: os.kill(pid, signum))
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    while True:
        try:
            _pid, status, usage = os.wait4(pid, 0)
            break
        except InterruptedError:
            continue
    signal.setitimer(signal.ITIMER_REAL, 0)
    with open(result, "w") as f:
        f.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_utime} {usage.ru_stime} {usage.ru_maxrss}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

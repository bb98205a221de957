#!/usr/bin/env python3
"""Runs a command in a real pseudo-terminal, for tests that type into `audit` as a person would.

Relays this process's standard input to the terminal and the terminal's output to standard
output; prints "pid N" (the command's process id) on standard error first, so a test can
kill it; exits with the command's status (128 + n when a signal ended it).

Usage: pty-bridge.py COMMAND [ARG...]   (terminal size from PTY_COLS, PTY_ROWS)
Python's pty module is used because Node has no pseudo-terminal without a native addon.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

cols = int(os.environ.get("PTY_COLS", "100"))
rows = int(os.environ.get("PTY_ROWS", "40"))

pid, master = pty.fork()
if pid == 0:
    # The child: standard streams are the terminal's slave side. Size it before the command
    # starts, so the first thing it measures is right.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)

sys.stderr.write(f"pid {pid}\n")
sys.stderr.flush()

stdin_open = True
while True:
    readable, _, _ = select.select([master] + ([0] if stdin_open else []), [], [])
    if master in readable:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every holder of the terminal has gone
            data = b""
        if not data:
            break
        os.write(1, data)
    if stdin_open and 0 in readable:
        data = os.read(0, 65536)
        if not data:
            stdin_open = False
        else:
            while data:
                data = data[os.write(master, data):]

_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(128 - code if code < 0 else code)

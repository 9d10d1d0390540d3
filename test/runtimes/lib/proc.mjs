// Child processes with a hard time limit: a hung runtime must cost one row, not the whole run.
import { spawn } from 'node:child_process';

/**
 * Runs `command` and resolves with its output once it exits or is killed at `timeoutMs`.
 * The child leads its own process group so the kill also reaches anything it started.
 */
export function run(command, args, { cwd, env, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    const finish = (code, error) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, error, ms: performance.now() - started });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

/** Kills a detached child and its descendants; ignores one that is already gone. */
export function killGroup(child, signal = 'SIGKILL') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already exited
    }
  }
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Shortens a process's output to its last lines, for a failure report. */
export function tail(text, lines = 15) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

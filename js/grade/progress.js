// The progress bar on stderr: submissions done / total, time elapsed, an
// estimate of the time left. Drawn only on a terminal.

const clock = (ms) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** One line of the bar (exported for its test). */
export function progressLine(done, total, elapsedMs, width = 24) {
  const filled = total ? Math.round((width * done) / total) : width;
  const left = done > 0 && done < total ? `, ~${clock((elapsedMs / done) * (total - done))} left` : '';
  return `grading [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  ${clock(elapsedMs)} elapsed${left}`;
}

/** `update(done, total)` and `finish()`; silent unless `enabled`. */
export function createProgress(stream, enabled) {
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (done < total && done > 0 && now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r${progressLine(done, total, now - started)}\x1b[K`);
    },
    finish() {
      if (enabled && shown) stream.write('\n');
    },
  };
}

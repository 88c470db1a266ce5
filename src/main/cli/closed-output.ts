/**
 * A reader that goes away (`pixdrop status | head -1`) closes stdout under the command. What was to be printed
 * has no reader any more, so that is no error: a command that only prints ends as it would have; one that is
 * working (`upload`, `watch`) stops as on Ctrl-C, its progress saved, and says so on stderr.
 */
let closed = false;

/** True once stdout's reader went away. */
export function outputClosed(): boolean {
  return closed;
}

export function stopWhenOutputCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    if (closed) return;
    closed = true;
    // The stop a running command already listens for (untilSignal); a command that only prints has no listener.
    process.emit('SIGTERM', 'SIGTERM');
  });
}

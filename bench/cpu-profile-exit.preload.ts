// Loaded (-r) into a service the pipeline benchmark profiles with --cpu-prof. Node writes the profile only on a
// normal exit, but Nest's shutdown hook closes the app and then raises SIGTERM again with its own listener removed,
// which would kill the process first. This listener stays: the first signal is Nest's to handle, the second exits.
let signals = 0;
process.on('SIGTERM', () => {
  signals += 1;
  if (signals > 1) process.exit(0);
});

"""What the app needs from the machine: the support log, process checks."""

"""Numbers the locustfile and the command share (standard library only, no Django)."""

# Seconds a virtual user waits between two actions (uniformly distributed).
THINK_SECONDS = (0.5, 1.5)

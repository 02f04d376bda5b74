"""Test oracles: the plain-Python loops the set-based SQL replaced, and the progress rules as pure functions.
Tests assert that the warehouse SQL gives the same rows. Production never imports these."""

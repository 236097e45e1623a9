"""The benchmark suite: `bench/run` starts its own databases, processes and local servers,
runs each benchmark and prints one table. Nothing here is part of the tests' pass/fail."""

"""The newsroom service: a task queue, workers, the HTTP API and the hot folder."""

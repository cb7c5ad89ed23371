"""Built-in voice engines, one module each (see `bulletin.synth.engine.BUILTIN`)."""
